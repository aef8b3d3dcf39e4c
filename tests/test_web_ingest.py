"""`kb ingest URL` and `kb crawl` against a real local HTTP server."""

from __future__ import annotations

import json

from tests.local_site import LocalSite, Route, make_pdf, page
from tests.test_crawl import ROBOTS

TEXT = {"Content-Type": "text/plain"}


def _article(title: str, words: str) -> Route:
    return page(
        title,
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>{words}</p>"
        "</article><footer>CECOP, Brussels</footer>",
    )


def test_ingest_url_keeps_the_final_url_and_replaces_on_refetch(run_cli):
    site = LocalSite(
        {
            "/robots.txt": Route(200, TEXT, ROBOTS),
            "/old": Route(301, {"Location": "/news/a"}, b""),
            "/news/a": _article(
                "Riders cooperative", "The marigold riders cooperative met in Ghent."
            ),
        }
    )
    try:
        result = run_cli("ingest", site.url("/old"))
        assert result.exit_code == 0, result.stderr
        assert "1 added" in result.stdout
        found = json.loads(run_cli("search", "marigold", "--json", "--mode", "keyword").output)
        assert found["results"][0]["source"] == site.url("/news/a")

        site.routes["/news/a"] = _article("Riders cooperative", "The saffron riders met in Graz.")
        again = run_cli("ingest", site.url("/news/a"))
        assert "1 updated" in again.stdout
        stats = json.loads(run_cli("stats", "--json").output)
        assert stats["documents"] == 1 and stats["chunks"] == stats["vectors"]
        gone = json.loads(run_cli("search", "marigold", "--json", "--mode", "keyword").output)
        assert gone["results"] == []
    finally:
        site.close()


def test_ingest_url_failure_is_named(run_cli):
    site = LocalSite({"/robots.txt": Route(200, TEXT, ROBOTS)})
    try:
        result = run_cli("ingest", site.url("/missing"))
        assert result.exit_code == 1
        assert site.url("/missing") in result.stderr and "HTTP 404" in result.stderr
    finally:
        site.close()


def test_crawl_ingests_pages_and_pdfs_and_obeys_robots(run_cli):
    site = LocalSite({})
    site.routes.update(
        {
            "/robots.txt": Route(200, TEXT, ROBOTS),
            "/": page(
                "News",
                "<a href='/news/1'>One</a> <a href='/news/2'>Two</a> "
                "<a href='/report.pdf'>Report</a> <a href='/private/x'>Secret</a>",
            ),
            "/news/1": _article("First news", "The tangerine assembly was held in Porto."),
            "/news/2": _article("Second news", "The cobalt working group met in Turin."),
            "/report.pdf": Route(
                200, {"Content-Type": "application/pdf"}, make_pdf(link=site.url("/"))
            ),
            "/private/x": _article("Secret", "Never fetch this page."),
        }
    )
    try:
        result = run_cli("crawl", site.url("/"), "--max-pages", "10", "--delay", "0")
        assert result.exit_code == 0, result.stderr
        assert "4 added" in result.stdout and "1 skipped" in result.stdout
        assert "skipped:" in result.stderr and "robots.txt" in result.stderr
        assert "/private/x" not in site.requested
        sources = {d["source"] for d in json.loads(run_cli("documents", "--json").output)}
        assert {site.url("/news/1"), site.url("/news/2"), site.url("/report.pdf")} <= sources
        found = json.loads(run_cli("search", "tangerine", "--json", "--mode", "keyword").output)
        assert found["results"][0]["source"] == site.url("/news/1")
    finally:
        site.close()
