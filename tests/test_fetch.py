"""Tests for ingest.fetch against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from ingest.errors import LoadError
from ingest.fetch import USER_AGENT, FetchedResource, Fetcher
from tests.local_site import HTML, PDF, LocalSite, Route, make_pdf, page


@pytest.fixture
def site(serve: Callable[[dict[str, Route]], LocalSite]) -> LocalSite:
    """Return a small cooperative news site with the usual awkward corners."""
    return serve(
        {
            "/robots.txt": Route(
                200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private\n"
            ),
            "/news/one": page("Worker co-ops in 2024", "<p>News.</p>"),
            "/news/new": page("Moved news"),
            "/old": Route(301, {"Location": "/news/new"}, b""),
            "/go-private": Route(302, {"Location": "/private/page"}, b""),
            "/loop-a": Route(302, {"Location": "/loop-b"}, b""),
            "/loop-b": Route(302, {"Location": "/loop-a"}, b""),
            "/to-ftp": Route(302, {"Location": "ftp://127.0.0.1/file"}, b""),
            "/private/page": page("Members only"),
            "/report.pdf": Route(200, PDF, make_pdf()),
            "/download": Route(200, {"Content-Type": "application/octet-stream"}, make_pdf()),
            "/logo.png": Route(200, {"Content-Type": "image/png"}, b"\x89PNG\r\n"),
            "/broken": Route(500, HTML, b"oops"),
            "/big": Route(200, HTML, b"<p>" + b"x" * 5000 + b"</p>"),
            "/big-stream": Route(200, HTML, b"x" * 2_000_000, stream=True),
            "/slow": Route(200, HTML, b"<p>late</p>", sleep=2.0),
        }
    )


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    """Return a fetcher with no politeness delay, so tests run quickly."""
    with Fetcher(delay=0) as client:
        yield client


def fetch_error(fetcher: Fetcher, url: str) -> LoadError:
    """Fetch a URL that must fail and return the error."""
    with pytest.raises(LoadError) as caught:
        fetcher.fetch(url)
    assert caught.value.source == url
    return caught.value


def test_fetches_an_html_page(site: LocalSite, fetcher: Fetcher) -> None:
    resource = fetcher.fetch(site.url("/news/one"))
    assert resource.url == resource.final_url == site.url("/news/one")
    assert resource.status == 200
    assert resource.content_type == "text/html"
    assert resource.charset == "utf-8"
    assert resource.kind == "html"
    assert b"Worker co-ops in 2024" in resource.body
    fetched_at = datetime.fromisoformat(resource.fetched_at)
    assert fetched_at.utcoffset() == UTC.utcoffset(None)
    assert {request.user_agent for request in site.requests} == {USER_AGENT}


def test_fetches_a_pdf(site: LocalSite, fetcher: Fetcher) -> None:
    resource = fetcher.fetch(site.url("/report.pdf"))
    assert resource.content_type == "application/pdf"
    assert resource.kind == "pdf"
    assert resource.body.startswith(b"%PDF")


def test_generic_content_type_is_judged_by_magic_bytes(site: LocalSite, fetcher: Fetcher) -> None:
    resource = fetcher.fetch(site.url("/download"))
    assert resource.content_type == "application/octet-stream"
    assert resource.kind == "pdf"


@pytest.mark.parametrize(
    ("content_type", "url", "body", "kind"),
    [
        ("text/html", "http://a.test/x", b"", "html"),
        ("application/xhtml+xml", "http://a.test/x", b"", "html"),
        ("application/pdf", "http://a.test/x", b"", "pdf"),
        ("", "http://a.test/x", b"%PDF-1.7", "pdf"),
        ("application/octet-stream", "http://a.test/report.PDF", b"??", "pdf"),
        ("", "http://a.test/index.htm", b"??", "html"),
        ("", "http://a.test/x", b"  <!DOCTYPE html><html>", "html"),
        ("image/png", "http://a.test/x.pdf", b"%PDF", None),
        ("", "http://a.test/x", b"??", None),
    ],
)
def test_kind_from_type_magic_bytes_or_suffix(
    content_type: str, url: str, body: bytes, kind: str | None
) -> None:
    resource = FetchedResource(url, url, content_type, body, 200, "2024-01-01T00:00:00+00:00")
    assert resource.kind == kind


def test_redirect_keeps_the_final_url(site: LocalSite, fetcher: Fetcher) -> None:
    resource = fetcher.fetch(site.url("/old"))
    assert resource.url == site.url("/old")
    assert resource.final_url == site.url("/news/new")
    assert b"Moved news" in resource.body


def test_too_many_redirects(site: LocalSite) -> None:
    with Fetcher(delay=0, max_redirects=3) as fetcher:
        error = fetch_error(fetcher, site.url("/loop-a"))
    assert error.reason == "too many redirects (more than 3)"
    assert site.requested.count("/loop-a") == 2


def test_redirect_to_another_scheme_is_refused(site: LocalSite, fetcher: Fetcher) -> None:
    error = fetch_error(fetcher, site.url("/to-ftp"))
    assert "ftp" in error.reason


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing", "HTTP 404 Not Found"), ("/broken", "HTTP 500 Internal Server Error")],
)
def test_http_errors(site: LocalSite, fetcher: Fetcher, path: str, reason: str) -> None:
    assert fetch_error(fetcher, site.url(path)).reason == reason


def test_unsupported_content_type(site: LocalSite, fetcher: Fetcher) -> None:
    assert fetch_error(fetcher, site.url("/logo.png")).reason == (
        "unsupported content type 'image/png'"
    )


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/file", "file:///etc/passwd", "mailto:info@cecop.coop", "http:///x"]
)
def test_only_http_urls_with_a_host(fetcher: Fetcher, url: str) -> None:
    reason = fetch_error(fetcher, url).reason
    assert "unsupported URL scheme" in reason or "no host" in reason


@pytest.mark.parametrize("url", ["http://[broken/", "http://127.0.0.1:port/"])
def test_malformed_urls(fetcher: Fetcher, url: str) -> None:
    assert fetch_error(fetcher, url).reason.startswith("invalid URL (")


def test_declared_length_over_the_limit_is_refused(site: LocalSite) -> None:
    with Fetcher(delay=0, max_bytes=1000) as fetcher:
        error = fetch_error(fetcher, site.url("/big"))
    assert error.reason == (
        "response too large: Content-Length 5,007 bytes exceeds the 1,000-byte limit"
    )


def test_streamed_body_over_the_limit_is_cut_off(site: LocalSite) -> None:
    with Fetcher(delay=0, max_bytes=1000) as fetcher:
        error = fetch_error(fetcher, site.url("/big-stream"))
    assert error.reason == "response too large: more than the 1,000-byte limit"


def test_slow_response_times_out(site: LocalSite) -> None:
    with Fetcher(delay=0, read_timeout=0.5) as fetcher:
        fetcher.fetch(site.url("/news/one"))  # robots.txt is read before the clock starts
        started = time.monotonic()
        error = fetch_error(fetcher, site.url("/slow"))
    assert error.reason == "timed out waiting for the server after 0.5 s"
    assert time.monotonic() - started < 1.5


def test_refused_connection(fetcher: Fetcher) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = fetch_error(fetcher, f"http://127.0.0.1:{port}/")
    assert error.reason.startswith("robots.txt unreachable: could not connect")


def test_robots_disallowed_page_is_never_requested(site: LocalSite, fetcher: Fetcher) -> None:
    assert fetch_error(fetcher, site.url("/private/page")).reason == "disallowed by robots.txt"
    error = fetch_error(fetcher, site.url("/go-private"))
    assert error.reason == f"redirected to {site.url('/private/page')}: disallowed by robots.txt"
    assert "/private/page" not in site.requested


def test_robots_is_read_once_per_host(site: LocalSite, fetcher: Fetcher) -> None:
    for path in ("/news/one", "/report.pdf", "/old"):
        fetcher.fetch(site.url(path))
    assert site.requested.count("/robots.txt") == 1
    assert site.requested[0] == "/robots.txt"


def test_robots_can_be_ignored(site: LocalSite) -> None:
    with Fetcher(delay=0, obey_robots=False) as fetcher:
        assert fetcher.fetch(site.url("/private/page")).status == 200
    assert "/robots.txt" not in site.requested


def test_missing_robots_allows_everything(serve: Callable[..., LocalSite]) -> None:
    site = serve({"/private/page": page("Open")})
    with Fetcher(delay=0) as fetcher:
        assert fetcher.fetch(site.url("/private/page")).status == 200


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (401, "disallowed by robots.txt"),
        (403, "disallowed by robots.txt"),
        (503, "robots.txt unavailable (HTTP 503), so the site is treated as off limits"),
    ],
)
def test_unreadable_robots_disallows_everything(
    serve: Callable[..., LocalSite], status: int, reason: str
) -> None:
    site = serve({"/robots.txt": Route(status, HTML, b"no"), "/": page("Home")})
    with Fetcher(delay=0) as fetcher:
        assert fetch_error(fetcher, site.url("/")).reason == reason
    assert site.requested == ["/robots.txt"]


def test_robots_rules_for_our_user_agent(serve: Callable[..., LocalSite]) -> None:
    robots = b"User-agent: cecop-kb\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    site = serve({"/robots.txt": Route(200, {}, robots), "/": page("Home")})
    with Fetcher(delay=0) as fetcher:
        assert fetch_error(fetcher, site.url("/")).reason == "disallowed by robots.txt"


def test_polite_delay_between_requests_to_a_host(site: LocalSite) -> None:
    with Fetcher(delay=0.2) as fetcher:
        fetcher.fetch(site.url("/news/one"))
        fetcher.fetch(site.url("/report.pdf"))
    robots, first, second = (
        site.times(path)[0] for path in ("/robots.txt", "/news/one", "/report.pdf")
    )
    assert first - robots >= 0.2
    assert second - first >= 0.2


def test_robots_crawl_delay_wins_when_longer(serve: Callable[..., LocalSite]) -> None:
    robots = b"User-agent: *\nCrawl-delay: 1\n"
    site = serve({"/robots.txt": Route(200, {}, robots), "/a": page("A"), "/b": page("B")})
    with Fetcher(delay=0.1) as fetcher:
        fetcher.fetch(site.url("/a"))
        fetcher.fetch(site.url("/b"))
    assert site.times("/b")[0] - site.times("/a")[0] >= 1.0
