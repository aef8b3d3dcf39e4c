"""Shared state of one `kb` invocation: the resolved config and the opened knowledge base."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import click

from kb.errors import KnowledgeBaseError
from kb.settings import Config


@dataclass
class CliState:
    config: Config
    _kb: object = field(default=None, repr=False)

    @property
    def kb(self):
        """Open the knowledge base on first use, turning setup errors into a clean exit."""
        if self._kb is None:
            from kb.knowledge_base import KnowledgeBase

            try:
                self._kb = KnowledgeBase(self.config)
            except KnowledgeBaseError as error:
                fail(str(error), status=2)
        return self._kb


def fail(message: str, status: int = 1) -> None:
    """Print an error to stderr and exit with ``status``."""
    click.echo(f"kb: {message}", err=True)
    sys.exit(status)


pass_state = click.make_pass_decorator(CliState)
