"""`kb serve`, `kb demo`, `kb delete`, `kb set-visibility` and `kb rebuild`."""

from __future__ import annotations

from pathlib import Path

import click

from cli.context import CliState, fail, pass_state
from kb.access import VISIBILITIES
from kb.errors import NotFound


def sample_corpus() -> Path:
    """Return the bundled sample corpus folder."""
    for base in (Path(__file__).resolve().parents[1], Path.cwd()):
        corpus = base / "samples" / "corpus"
        if corpus.is_dir():
            return corpus
    fail("the sample corpus (samples/corpus) was not found; run from the repository", 2)


def serve_app(state: CliState, host: str, port: int, secure_cookies: bool | None = None) -> None:
    """Serve the web app with waitress (session cookies Secure unless on loopback)."""
    from waitress import serve

    from web import create_app
    from web.auth import is_loopback

    if secure_cookies is None:
        secure_cookies = not is_loopback(host)
    app = create_app({"KB": state.kb, "KB_INSECURE_COOKIES": not secure_cookies})
    if not secure_cookies:
        click.echo(
            "Session cookies are not marked Secure, so signing in works over plain http; "
            "behind an HTTPS proxy use --secure-cookies."
        )
    click.echo(f"Serving {state.config.home} on http://{host}:{port}/  (Ctrl+C to stop)")
    serve(app, host=host, port=port, threads=8, ident="kb")


secure_cookies_option = click.option(
    "--secure-cookies/--insecure-cookies",
    default=None,
    help="Mark session cookies Secure (HTTPS only). Default: Secure unless the host is a "
    "loopback address; use --secure-cookies behind an HTTPS proxy on loopback.",
)


def register_admin_commands(cli: click.Group) -> None:
    """Attach the serving and maintenance commands to the group."""

    @cli.command()
    @click.option("--host", default="127.0.0.1", show_default=True)
    @click.option("--port", default=5000, show_default=True, type=int)
    @secure_cookies_option
    @pass_state
    def serve(state: CliState, host, port, secure_cookies) -> None:
        """Serve the web app and JSON API with waitress."""
        serve_app(state, host, port, secure_cookies)

    @cli.command()
    @click.option("--host", default="127.0.0.1", show_default=True)
    @click.option("--port", default=5000, show_default=True, type=int)
    @click.option("--build-only", is_flag=True, help="Build the demo index and exit.")
    @secure_cookies_option
    @click.pass_context
    def demo(ctx: click.Context, host, port, build_only, secure_cookies) -> None:
        """Build the sample corpus's index on first run (in indexes/demo), then serve it."""
        from ingest.pipeline import Ingester

        state: CliState = ctx.obj
        if ctx.parent.params.get("home") is None and not _env_home():
            state.config = state.config.with_overrides(home=Path("indexes") / "demo")
        kb = state.kb
        if kb.stats()["documents"] == 0:
            click.echo(f"Building the demo index in {state.config.home} ...")
            with Ingester(kb) as ingester:
                report = ingester.sync(sample_corpus())
            click.echo(report.summary())
            for outcome in report.failed:
                click.echo(f"error: {outcome.source}: {outcome.reason}", err=True)
        if not build_only:
            serve_app(state, host, port, secure_cookies)

    @cli.command()
    @click.argument("doc")
    @pass_state
    def delete(state: CliState, doc) -> None:
        """Remove a document (by id or source), its passages, keyword entries and vectors."""
        try:
            removed = state.kb.delete(doc)
        except NotFound as error:
            fail(str(error))
        click.echo(f"Deleted document {removed.id}: {removed.title} ({removed.source})")

    @cli.command("set-visibility")
    @click.argument("doc")
    @click.argument("level", type=click.Choice(VISIBILITIES))
    @pass_state
    def set_visibility(state: CliState, doc, level) -> None:
        """Change who may read a document: public, members or staff."""
        try:
            updated = state.kb.set_visibility(doc, level)
        except NotFound as error:
            fail(str(error))
        click.echo(f"Document {updated.id} ({updated.title}) is now {updated.visibility}.")

    @cli.command()
    @pass_state
    def rebuild(state: CliState) -> None:
        """Re-embed every stored passage with the configured model (after a model change)."""
        from kb.knowledge_base import KnowledgeBase
        from kb.manifest import read_manifest

        manifest = read_manifest(state.config.home)
        if manifest is not None and manifest.model != state.config.model:
            # Open with the model the home was built with, then switch.
            kb = KnowledgeBase(state.config.with_overrides(model=manifest.model))
            kb.config = state.config
        else:
            kb = state.kb
        count = kb.rebuild()
        click.echo(f"Re-embedded {count} passages with {state.config.model}.")


def _env_home() -> bool:
    import os

    return bool(os.environ.get("KB_HOME"))
