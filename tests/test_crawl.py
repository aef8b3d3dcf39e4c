"""Tests for ingest.crawl against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest

from ingest.crawl import crawl, is_same_site, links_in_html
from ingest.errors import LoadError
from ingest.fetch import FetchedResource, Fetcher
from tests.local_site import LocalSite, Route, make_pdf, page

XML = {"Content-Type": "application/xml"}
ROBOTS = b"User-agent: *\nDisallow: /private\n"


def urlset(*urls: str) -> Route:
    """Return a sitemap route listing pages."""
    entries = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    )
    return Route(200, XML, xml.encode())


def sitemap_index(*urls: str) -> Route:
    """Return a sitemap index route listing other sitemaps."""
    entries = "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in urls)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
        "</sitemapindex>"
    )
    return Route(200, XML, xml.encode())


@pytest.fixture
def other_site(serve: Callable[[dict[str, Route]], LocalSite]) -> LocalSite:
    """Return a second site, reached under another host name (see ``site``)."""
    return serve({"/elsewhere": page("Another federation")})


@pytest.fixture
def site(serve: Callable[[dict[str, Route]], LocalSite], other_site: LocalSite) -> LocalSite:
    """Return a small news site: an index, news, a report, redirects, errors and sitemaps."""
    local = serve({})
    # "127.1" is 127.0.0.1 written short: another host name, still only the loopback address.
    external = f"http://127.1:{other_site.port}/elsewhere"
    local.routes.update(
        {
            "/robots.txt": Route(200, {"Content-Type": "text/plain"}, ROBOTS),
            "/": page(
                "CECOP news",
                '<nav><a href="/">Home</a> <a href="/news/one">News</a></nav>'
                '<a href="/news/one#comments">Worker co-ops</a>'
                '<a href="news/two">Social co-ops</a>'
                f'<a href="{local.url("/news/three")}">Industry</a>'
                '<a href="/reports/annual-2024.pdf">Activity report</a>'
                f'<a href="{external}">Partner</a>'
                '<a href="/private/members">Members</a>'
                '<a href="/old">Old link</a>'
                '<a href="/missing">Broken link</a>'
                '<a href="/logo.png">Logo</a>'
                '<a href="mailto:info@cecop.coop">Mail</a>'
                '<a href="javascript:void(0)">Menu</a>'
                '<a href="#top">Top</a>',
            ),
            "/news/one": page("Worker co-ops", '<footer><a href="/about">About</a></footer>'),
            "/news/two": page("Social co-ops", '<a href="/news/one">Back</a>'),
            "/news/three": page("Industry", '<a href="/news/new">Also new</a>'),
            "/news/new": page("Moved"),
            "/old": Route(301, {"Location": "/news/new"}, b""),
            "/about": page("About CECOP"),
            "/private/members": page("Members only"),
            "/logo.png": Route(200, {"Content-Type": "image/png"}, b"\x89PNG"),
            "/reports/annual-2024.pdf": Route(
                200, {"Content-Type": "application/pdf"}, make_pdf(link=local.url("/from-pdf"))
            ),
            "/from-pdf": page("Linked only from the PDF"),
            "/sitemap.xml": urlset(
                local.url("/news/one"),
                local.url("/news/two"),
                local.url("/reports/annual-2024.pdf"),
                local.url("/private/members"),
                local.url("/news/one"),
                external,
            ),
            "/sitemap_index.xml": sitemap_index(
                local.url("/sitemap-news.xml"),
                local.url("/sitemap-reports.xml.gz"),
                local.url("/sitemap_index.xml"),
            ),
            "/sitemap-news.xml": urlset(local.url("/news/three"), local.url("/about")),
            "/sitemap-reports.xml.gz": Route(
                200,
                {"Content-Type": "application/gzip"},
                gzip.compress(urlset(local.url("/reports/annual-2024.pdf")).body),
            ),
            "/sitemap": Route(200, {"Content-Type": "text/xml"}, urlset(local.url("/about")).body),
            "/feed": Route(200, XML, b"<rss><channel/></rss>"),
        }
    )
    return local


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    """Return a fetcher with no politeness delay, so tests run quickly."""
    with Fetcher(delay=0) as client:
        yield client


def split(results: list[FetchedResource | LoadError]) -> tuple[list[str], dict[str, str]]:
    """Return the paths of the documents fetched, and each failed path with its reason."""
    paths = [urlsplit(r.final_url).path for r in results if isinstance(r, FetchedResource)]
    errors = {urlsplit(r.source).path: r.reason for r in results if isinstance(r, LoadError)}
    return paths, errors


def test_crawl_follows_links_breadth_first(
    site: LocalSite, other_site: LocalSite, fetcher: Fetcher
) -> None:
    paths, errors = split(list(crawl(site.url("/"), fetcher)))
    assert paths[0] == "/"
    assert set(paths[1:5]) == {"/news/one", "/news/two", "/news/three", "/reports/annual-2024.pdf"}
    assert sorted(paths[5:]) == ["/about", "/news/new"]
    assert errors == {
        "/private/members": "disallowed by robots.txt",
        "/missing": "HTTP 404 Not Found",
    }
    assert Counter(site.requested).most_common(1)[0][1] == 1  # nothing fetched twice
    for never in ("/private/members", "/logo.png", "/from-pdf"):
        assert never not in site.requested
    assert other_site.requested == []


def test_crawl_leaves_the_site_only_when_asked(
    site: LocalSite, other_site: LocalSite, fetcher: Fetcher
) -> None:
    paths, _ = split(list(crawl(site.url("/"), fetcher, same_site=False)))
    assert "/elsewhere" in paths
    assert other_site.requested == ["/robots.txt", "/elsewhere"]


def test_crawl_stops_at_max_pages(site: LocalSite, fetcher: Fetcher) -> None:
    paths, _ = split(list(crawl(site.url("/"), fetcher, max_pages=3)))
    assert len(paths) == 3
    assert paths[0] == "/"
    assert "/about" not in site.requested


def test_crawl_reports_a_failed_start(site: LocalSite, fetcher: Fetcher) -> None:
    results = list(crawl(site.url("/missing"), fetcher))
    assert len(results) == 1
    assert isinstance(results[0], LoadError)
    assert results[0].reason == "HTTP 404 Not Found"


def test_crawl_from_a_pdf_yields_just_the_pdf(site: LocalSite, fetcher: Fetcher) -> None:
    paths, errors = split(list(crawl(site.url("/reports/annual-2024.pdf"), fetcher)))
    assert paths == ["/reports/annual-2024.pdf"]
    assert errors == {}
    assert "/from-pdf" not in site.requested


def test_sitemap_pages_are_fetched_without_following_links(
    site: LocalSite, other_site: LocalSite, fetcher: Fetcher
) -> None:
    paths, errors = split(list(crawl(site.url("/sitemap.xml"), fetcher)))
    assert paths == ["/news/one", "/news/two", "/reports/annual-2024.pdf"]
    assert errors == {"/private/members": "disallowed by robots.txt"}
    assert "/about" not in site.requested  # linked from /news/one, but not listed
    assert other_site.requested == []


def test_sitemap_index_is_followed_into_nested_sitemaps(site: LocalSite, fetcher: Fetcher) -> None:
    paths, errors = split(list(crawl(site.url("/sitemap_index.xml"), fetcher)))
    assert paths == ["/news/three", "/about", "/reports/annual-2024.pdf"]
    assert errors == {}
    assert site.requested.count("/sitemap_index.xml") == 1
    assert "/news/new" not in site.requested


def test_sitemap_is_recognised_by_its_body(site: LocalSite, fetcher: Fetcher) -> None:
    paths, _ = split(list(crawl(site.url("/sitemap"), fetcher)))
    assert paths == ["/about"]


def test_xml_that_is_not_a_sitemap_is_an_error(site: LocalSite, fetcher: Fetcher) -> None:
    (result,) = crawl(site.url("/feed"), fetcher)
    assert isinstance(result, LoadError)
    assert result.reason == "unsupported content type 'application/xml' (not a sitemap)"


def test_sitemap_max_pages(site: LocalSite, fetcher: Fetcher) -> None:
    paths, _ = split(list(crawl(site.url("/sitemap_index.xml"), fetcher, max_pages=1)))
    assert paths == ["/news/three"]
    assert "/sitemap-reports.xml.gz" not in site.requested


def test_crawl_is_lazy(site: LocalSite, fetcher: Fetcher) -> None:
    results = crawl(site.url("/"), fetcher)
    first = next(results)
    assert isinstance(first, FetchedResource)
    assert site.requested == ["/robots.txt", "/"]
    results.close()


def test_links_in_html_resolves_and_filters() -> None:
    body = b"""<html><body>
      <nav><a href="/news/">News</a></nav>
      <a href=" report.pdf#page=2 ">Report</a>
      <a href="https://www.cecop.coop/en/about">About</a>
      <a href="/news/">News again</a>
      <a href="#top">Top</a> <a href="">Empty</a> <a>No href</a>
      <a href="mailto:info@cecop.coop">Mail</a> <a href="javascript:void(0)">JS</a>
      <a href="http://[broken">Broken</a>
      <a href="tel:+3225431033">Call</a> <a href="ftp://files.cecop.coop/x">FTP</a>
      <footer><a href="//cecop.coop/en/members">Members</a></footer>
    </body></html>"""
    assert links_in_html(body, "https://cecop.coop/en/publications/") == [
        "https://cecop.coop/news/",
        "https://cecop.coop/en/publications/report.pdf",
        "https://www.cecop.coop/en/about",
        "https://cecop.coop/en/members",
    ]


def test_links_in_html_honours_the_base_tag() -> None:
    body = b'<html><head><base href="/en/"></head><body><a href="news">N</a></body></html>'
    assert links_in_html(body, "https://cecop.coop/fr/page") == ["https://cecop.coop/en/news"]


@pytest.mark.parametrize(
    ("url", "other", "same"),
    [
        ("https://cecop.coop/a", "http://www.cecop.coop/b", True),
        ("https://WWW.Cecop.coop/a", "https://cecop.coop:443/", True),
        ("https://cecop.coop/a", "https://news.cecop.coop/", False),
        ("https://cecop.coop/a", "https://cecop.org/", False),
    ],
)
def test_is_same_site(url: str, other: str, same: bool) -> None:
    assert is_same_site(url, other) is same
