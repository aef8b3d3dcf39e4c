"""`kb ingest`, `kb sync` and `kb crawl`: put documents into the knowledge base."""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager

import click

from cli.context import CliState, pass_state
from kb.access import VISIBILITIES
from kb.records import DOCUMENT_TYPES


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise click.BadParameter("use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def metadata_options(command):
    """Add the metadata options shared by the ingest commands."""
    options = [
        click.option(
            "--type", "doc_type", type=click.Choice(DOCUMENT_TYPES), help="Document type."
        ),
        click.option("--visibility", type=click.Choice(VISIBILITIES), help="Who may read it."),
        click.option("--date", callback=_check_date, help="Publication date, YYYY[-MM[-DD]]."),
        click.option("--tag", "tags", multiple=True, help="A tag (repeat for several)."),
        click.option("--title", help="Title (for a single document)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def given_metadata(doc_type, visibility, date, tags, title) -> dict:
    """Collect the metadata options a person actually gave."""
    given = {"type": doc_type, "visibility": visibility, "date": date, "title": title}
    if tags:
        given["tags"] = list(tags)
    return {k: v for k, v in given.items() if v}


@contextmanager
def progress_bar(total: int, label: str):
    """Yield a callback that advances a progress bar on a terminal (and does nothing else)."""
    if total and sys.stderr.isatty():
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield lambda _source: bar.update(1)
    else:
        yield lambda _source: None


def report_outcomes(report) -> None:
    """Print failures and warnings to stderr, the summary to stdout; exit 1 on failure."""
    for outcome in report.outcomes:
        for warning in outcome.warnings:
            click.echo(f"warning: {outcome.source}: {warning}", err=True)
        if outcome.status == "failed":
            click.echo(f"error: {outcome.source}: {outcome.reason}", err=True)
        elif outcome.status == "skipped":
            click.echo(f"skipped: {outcome.source}: {outcome.reason}", err=True)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def register_ingest_commands(cli: click.Group) -> None:
    """Attach the ingest commands to the group."""

    @cli.command()
    @click.argument("paths", nargs=-1, required=True)
    @metadata_options
    @pass_state
    def ingest(state: CliState, paths, doc_type, visibility, date, tags, title) -> None:
        """Ingest files, folders (recursively) and web pages (http/https URLs)."""
        from ingest.errors import LoadError
        from ingest.pipeline import Ingester, IngestReport, discover

        urls = [p for p in paths if _is_url(p)]
        files, refused = discover((p for p in paths if not _is_url(p)), exclude=state.config.home)
        given = given_metadata(doc_type, visibility, date, tags, title)
        report = IngestReport(list(refused))
        try:
            with progress_bar(len(files) + len(urls), "Ingesting") as advance:
                with Ingester(state.kb, given, progress=advance) as ingester:
                    report.outcomes.extend(ingester.ingest_files(files).outcomes)
                    if urls:
                        from ingest.web_sources import ingest_urls

                        report.outcomes.extend(ingest_urls(ingester, urls).outcomes)
        except LoadError as error:  # bad metadata options, found before any file is read
            click.echo(f"error: {error}", err=True)
            sys.exit(1)
        report_outcomes(report)

    @cli.command()
    @click.argument("folder", type=click.Path(exists=True, file_okay=False))
    @metadata_options
    @pass_state
    def sync(state: CliState, folder, doc_type, visibility, date, tags, title) -> None:
        """Bring a folder's documents up to date and remove those whose files are gone."""
        from ingest.pipeline import Ingester, discover

        given = given_metadata(doc_type, visibility, date, tags, title)
        with progress_bar(
            len(discover([folder], exclude=state.config.home)[0]), "Syncing"
        ) as advance:
            with Ingester(state.kb, given, progress=advance) as ingester:
                report = ingester.sync(folder)
        report_outcomes(report)

    @cli.command()
    @click.argument("start")
    @click.option("--max-pages", default=50, show_default=True, help="Pages to fetch at most.")
    @click.option(
        "--same-site/--any-site",
        default=True,
        show_default=True,
        help="Stay on the start URL's site.",
    )
    @click.option("--delay", default=1.0, show_default=True, help="Seconds between requests.")
    @metadata_options
    @pass_state
    def crawl(
        state: CliState, start, max_pages, same_site, delay, doc_type, visibility, date, tags, title
    ) -> None:
        """Fetch a site's pages and linked PDFs from a start URL or a sitemap, and ingest them."""
        from ingest.pipeline import Ingester
        from ingest.web_sources import crawl_site

        if not _is_url(start):
            click.echo("kb: crawl needs an http:// or https:// URL", err=True)
            sys.exit(2)
        given = given_metadata(doc_type, visibility, date, tags, title)
        with progress_bar(max_pages, "Crawling") as advance:
            with Ingester(state.kb, given, progress=advance) as ingester:
                report = crawl_site(ingester, start, max_pages, same_site, delay)
        report_outcomes(report)
