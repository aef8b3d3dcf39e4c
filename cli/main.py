"""Entry point of the `kb` command."""

from __future__ import annotations

import click

from cli.account_commands import register_account_commands
from cli.admin_commands import register_admin_commands
from cli.context import CliState
from cli.eval_command import register_eval_command
from cli.ingest_commands import register_ingest_commands
from cli.search_commands import register_search_commands
from kb import __version__
from kb.settings import resolve_config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    default=None,
    help="Index home directory (env KB_HOME; default indexes/default).",
)
@click.option("--model", default=None, help="Embedding model name or path (env KB_MODEL).")
@click.version_option(__version__, prog_name="kb")
@click.pass_context
def cli(ctx: click.Context, home: str | None, model: str | None) -> None:
    """Search what CECOP has already said: ingest publications, then search them."""
    ctx.obj = CliState(resolve_config(home, model))


register_ingest_commands(cli)
register_search_commands(cli)
register_admin_commands(cli)
register_account_commands(cli)
register_eval_command(cli)


def main() -> None:
    """Run the command line."""
    cli(prog_name="kb")


if __name__ == "__main__":
    main()
