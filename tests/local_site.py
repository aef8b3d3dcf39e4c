"""A real HTTP server on 127.0.0.1 for the fetching, crawling and URL-ingest tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple

import pytest

HTML = {"Content-Type": "text/html; charset=utf-8"}
PDF = {"Content-Type": "application/pdf"}


class Route(NamedTuple):
    """What the local site answers for one path."""

    status: int
    headers: dict[str, str]
    body: bytes
    sleep: float = 0.0  # seconds to wait before answering
    stream: bool = False  # send without Content-Length, in chunks


class Request(NamedTuple):
    """One request the local site received."""

    at: float  # time.monotonic()
    path: str
    user_agent: str


class LocalSite:
    """A real HTTP server on 127.0.0.1 serving a dict of routes and logging each request."""

    def __init__(self, routes: dict[str, Route]):
        self.routes = routes
        self.requests: list[Request] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        """Return the site's root URL, without a trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """Return the absolute URL of a path on this site."""
        return self.base_url + path

    @property
    def port(self) -> int:
        """Return the port the server listens on."""
        return self._server.server_address[1]

    @property
    def requested(self) -> list[str]:
        """Return the paths requested so far, in order."""
        return [request.path for request in self.requests]

    def times(self, path: str) -> list[float]:
        """Return when a path was requested."""
        return [request.at for request in self.requests if request.path == path]

    def close(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler_for(site: LocalSite) -> type[BaseHTTPRequestHandler]:
    """Return a request handler class that serves ``site``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            agent = self.headers.get("User-Agent", "")
            site.requests.append(Request(time.monotonic(), self.path, agent))
            route = site.routes.get(self.path, Route(404, HTML, b"<h1>Not found</h1>"))
            time.sleep(route.sleep)
            try:
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if not route.stream:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                for start in range(0, len(route.body), 64 * 1024):
                    self.wfile.write(route.body[start : start + 64 * 1024])
            except OSError:
                pass  # the client gave up (a timeout or size limit); nothing to tell it

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


def make_pdf(text: str = "CECOP activity report 2024", link: str | None = None) -> bytes:
    """Return a one-page PDF, made with fpdf2 when available."""
    try:
        from fpdf import FPDF
    except ImportError:
        return b"%PDF-1.4\n% " + text.encode() + b"\n%%EOF\n"
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text, link=link or "")
    return bytes(pdf.output())


def page(title: str, body: str = "") -> Route:
    """Return an HTML page route."""
    html = f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"
    return Route(200, HTML, html.encode())


@pytest.fixture
def serve() -> Iterator[Callable[[dict[str, Route]], LocalSite]]:
    """Start local sites on demand; stop them all after the test."""
    sites: list[LocalSite] = []

    def start(routes: dict[str, Route]) -> LocalSite:
        site = LocalSite(routes)
        sites.append(site)
        return site

    yield start
    for site in sites:
        site.close()
