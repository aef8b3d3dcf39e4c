"""`kb search`, `kb stats` and `kb documents`: read the knowledge base."""

from __future__ import annotations

import json
import sys
import textwrap

import click

from cli.context import CliState, fail, pass_state
from kb.access import VISIBILITIES
from kb.citations import page_label
from kb.errors import InvalidQuery
from kb.search import MODES


def print_json(data: object) -> None:
    """Print an object as indented JSON."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def format_hit(hit) -> str:
    """Return a numbered, cited passage for the terminal."""
    where = [hit.title]
    pages = page_label(hit.page_start, hit.page_end)
    if pages:
        where.append(pages)
    if hit.section:
        where.append(hit.section)
    if hit.date:
        where.append(hit.date)
    body = textwrap.fill(
        " ".join(hit.text.split()), width=96, initial_indent="   ", subsequent_indent="   "
    )
    return f"{hit.rank}. {' | '.join(where)}\n   {hit.source}\n{body}\n"


def register_search_commands(cli: click.Group) -> None:
    """Attach the read commands to the group."""

    @cli.command()
    @click.argument("query")
    @click.option("--k", default=10, show_default=True, help="Passages to return (1-100).")
    @click.option("--mode", default="hybrid", show_default=True, type=click.Choice(MODES))
    @click.option("--json", "as_json", is_flag=True, help="Print the API's JSON object.")
    @click.option(
        "--as",
        "role",
        default="staff",
        show_default=True,
        type=click.Choice(["public", "member", "staff"]),
        help="Search as this role sees the knowledge base.",
    )
    @pass_state
    def search(state: CliState, query, k, mode, as_json, role) -> None:
        """Search passages: keyword (FTS5 bm25), semantic (FAISS cosine) or hybrid (fused)."""
        from kb.access import visible_levels

        try:
            response = state.kb.search(query, k=k, mode=mode, visibilities=visible_levels(role))
        except InvalidQuery as error:
            fail(error.message, status=2)
        if as_json:
            print_json(response.to_api())
            return
        if response.respelled:
            click.echo(f"Showing results for: {response.respelled}\n")
        if not response.results:
            click.echo("No passages found.")
            return
        matches = [hit for hit in response.results if hit.match]
        others = [hit for hit in response.results if not hit.match]
        for hit in matches:
            click.echo(format_hit(hit))
        if others:
            heading = "Nearest other passages" if matches else "Nothing matches closely; nearest"
            click.echo(f"{heading}:\n")
        for hit in others:
            click.echo(format_hit(hit))

    @cli.command()
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    @pass_state
    def stats(state: CliState, as_json) -> None:
        """Count documents, passages and vectors, and list what was inferred."""
        kb = state.kb
        stats = kb.stats()
        documents = kb.list_documents(VISIBILITIES)
        stats["inferred"] = {d.source: d.inferred for d in documents if d.inferred}
        if as_json:
            print_json(stats)
            return
        for key in ("documents", "chunks", "vectors", "model", "dimension", "home", "generation"):
            click.echo(f"{key:>11}: {stats[key]}")
        by_visibility = {}
        for doc in documents:
            by_visibility[doc.visibility] = by_visibility.get(doc.visibility, 0) + 1
        click.echo(f"{'visibility':>11}: {by_visibility}")

    @cli.command()
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    @pass_state
    def documents(state: CliState, as_json) -> None:
        """List every document with its metadata and what was inferred."""
        docs = state.kb.list_documents(VISIBILITIES)
        if as_json:
            print_json(
                [
                    {
                        "doc_id": d.id,
                        "title": d.title,
                        "type": d.doc_type,
                        "date": d.date,
                        "language": d.language,
                        "visibility": d.visibility,
                        "tags": d.tags,
                        "source": d.source,
                        "inferred": d.inferred,
                    }
                    for d in docs
                ]
            )
            return
        for d in docs:
            click.echo(
                f"{d.id:>4}  {d.date or '----':<10}  {d.doc_type:<15} {d.visibility:<8} {d.title}"
            )
            if d.inferred:
                click.echo(f"{'':>6}inferred: {', '.join(d.inferred)}")
        if not docs:
            click.echo("No documents.", file=sys.stderr)
