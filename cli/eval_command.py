"""`kb eval`: measure retrieval quality on a question file."""

from __future__ import annotations

import json
import sys

import click

from cli.context import CliState, pass_state
from kb.search import MODES


def register_eval_command(cli: click.Group) -> None:
    """Attach `kb eval` to the group."""

    @cli.command("eval")
    @click.argument("questions", type=click.Path(exists=True, dir_okay=False))
    @click.option("--k", default=10, show_default=True, help="Passages retrieved per question.")
    @click.option(
        "--mode",
        "modes",
        multiple=True,
        type=click.Choice(MODES),
        help="Mode(s) to score (default: all three).",
    )
    @click.option("--no-answers", is_flag=True, help="Skip scoring the extractive answer.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
    @pass_state
    def evaluate_command(state: CliState, questions, k, modes, no_answers, as_json) -> None:
        """Print recall@5, recall@10, hit@1 and MRR@10 per mode, and the misses."""
        from kb.evaluation import evaluate, format_table, load_questions

        try:
            items = load_questions(questions)
        except ValueError as error:
            click.echo(f"kb: {error}", err=True)
            sys.exit(2)
        scores = [evaluate(state.kb, items, mode, k, not no_answers) for mode in modes or MODES]
        if as_json:
            click.echo(json.dumps([s.to_dict() for s in scores], indent=2))
            return
        click.echo(format_table(scores))
        for score in scores:
            if score.misses:
                click.echo(f"\nMisses ({score.mode}, not in the top 5):")
                for question, expect in score.misses:
                    click.echo(f"  - {question}  (expected: {' | '.join(expect)})")
            if score.wrongly_confident:
                click.echo(f"\nConfident on unanswerable questions ({score.mode}):")
                for question in score.wrongly_confident:
                    click.echo(f"  - {question}")
