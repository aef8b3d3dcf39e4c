"""Fetch web pages and PDFs politely: robots.txt, per-host delays, size and type limits."""

from __future__ import annotations

import time
from collections.abc import Collection
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ingest.errors import LoadError

USER_AGENT = "cecop-kb/0.1 (+https://github.com/cecop/kb)"
DEFAULT_TIMEOUT = 10.0  # seconds, for connecting and for each read
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
DEFAULT_DELAY = 1.0  # seconds between the end of one request and the next to the same host
ROBOTS_MAX_BYTES = 512 * 1024  # robots.txt beyond this is truncated, as RFC 9309 allows

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
DOCUMENT_TYPES = HTML_TYPES | PDF_TYPES
# Servers that do not know what they send; the body and URL then decide.
GENERIC_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
SCHEMES = ("http", "https")

_ACCEPT_HEADER = "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.1"


@dataclass(frozen=True)
class FetchedResource:
    """A document downloaded from the web, with where it finally came from."""

    url: str  # as requested
    final_url: str  # after redirects
    content_type: str  # media type without parameters, e.g. "text/html"
    body: bytes
    status: int
    fetched_at: str  # ISO 8601, UTC
    charset: str | None = None  # from the Content-Type header, if stated

    @property
    def kind(self) -> str | None:
        """Return "html", "pdf" or None, from the content type, magic bytes or URL suffix."""
        if self.content_type in HTML_TYPES:
            return "html"
        if self.content_type in PDF_TYPES:
            return "pdf"
        if self.content_type not in GENERIC_TYPES:
            return None
        if self.body.startswith(b"%PDF"):
            return "pdf"
        head = self.body[:512].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
        path = urlsplit(self.final_url).path.lower()
        if path.endswith(".pdf"):
            return "pdf"
        if path.endswith((".html", ".htm", ".xhtml")):
            return "html"
        return None


class Fetcher:
    """An HTTP client that obeys robots.txt, waits between requests and enforces limits.

    Not thread-safe: use one fetcher per thread.
    """

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        connect_timeout: float = DEFAULT_TIMEOUT,
        read_timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        delay: float = DEFAULT_DELAY,
        obey_robots: bool = True,
        transport: httpx.BaseTransport | None = None,
    ):
        self.user_agent = user_agent
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.delay = delay
        self.obey_robots = obey_robots
        self._robots: dict[str, RobotFileParser] = {}
        self._robots_failures: dict[str, str] = {}
        self._last_request: dict[str, float] = {}
        self._client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept": _ACCEPT_HEADER},
            timeout=httpx.Timeout(
                connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
            ),
            follow_redirects=False,
            max_redirects=max_redirects,
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the underlying HTTP connections."""
        self._client.close()

    def fetch(self, url: str, *, accept: Collection[str] = DOCUMENT_TYPES) -> FetchedResource:
        """Download one HTML page or PDF, following redirects; raise LoadError on failure.

        ``accept`` lists the media types to keep; anything else is refused.
        """
        target = url
        for _hop in range(self.max_redirects + 1):
            self._check_allowed(url, target)
            host = _host_key(target)
            try:
                with closing(self._send(target)) as response:
                    if response.next_request is None:
                        return self._read_resource(url, response, accept)
                    target = str(response.next_request.url)
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise LoadError(url, self._describe_network_error(exc, target, url)) from exc
            finally:
                self._last_request[host] = time.monotonic()
        raise LoadError(url, f"too many redirects (more than {self.max_redirects})")

    def _send(self, target: str) -> httpx.Response:
        """Wait for this host's turn, then send a GET and return the streaming response."""
        self._wait_turn(_host_key(target), self._delay_for(_origin(target)))
        request = self._client.build_request("GET", target)
        return self._client.send(request, stream=True, follow_redirects=False)

    def _read_resource(
        self, url: str, response: httpx.Response, accept: Collection[str]
    ) -> FetchedResource:
        """Check the status, type and size of a response, then read its body."""
        if not response.is_success:
            phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
            raise LoadError(url, f"HTTP {response.status_code}{phrase}")
        media_type, charset = _parse_content_type(response.headers.get("content-type", ""))
        generic = media_type in GENERIC_TYPES
        if not generic and media_type not in accept:
            raise LoadError(url, f"unsupported content type {media_type!r}")
        self._check_declared_length(url, response)
        resource = FetchedResource(
            url=url,
            final_url=str(response.url),
            content_type=media_type,
            body=self._read_body(url, response),
            status=response.status_code,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            charset=charset,
        )
        if generic and resource.kind is None:
            raise LoadError(url, f"unsupported content type {media_type or 'unknown'!r}")
        return resource

    def _check_declared_length(self, url: str, response: httpx.Response) -> None:
        """Refuse a response whose Content-Length already exceeds the size limit."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise LoadError(
                url,
                f"response too large: Content-Length {int(declared):,} bytes"
                f" exceeds the {_format_size(self.max_bytes)} limit",
            )

    def _read_body(self, url: str, response: httpx.Response) -> bytes:
        """Read the (decoded) body, aborting as soon as it passes the size limit."""
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise LoadError(
                    url, f"response too large: more than the {_format_size(self.max_bytes)} limit"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_allowed(self, url: str, target: str) -> None:
        """Raise LoadError unless ``target`` is an http(s) URL that robots.txt allows."""
        prefix = "" if target == url else f"redirected to {target}: "
        try:
            parts = urlsplit(target)
            httpx.URL(target)
        except (ValueError, httpx.InvalidURL) as exc:
            raise LoadError(url, f"{prefix}invalid URL ({exc})") from exc
        if parts.scheme.lower() not in SCHEMES:
            scheme = parts.scheme or "none"
            raise LoadError(url, f"{prefix}unsupported URL scheme {scheme!r} (http/https only)")
        if not parts.hostname:
            raise LoadError(url, f"{prefix}URL has no host")
        if not self.obey_robots:
            return
        origin = _origin(target)
        robots = self._robots_for(origin)
        if origin in self._robots_failures:
            raise LoadError(url, f"{prefix}{self._robots_failures[origin]}")
        if not robots.can_fetch(self.user_agent, target):
            raise LoadError(url, f"{prefix}disallowed by robots.txt")

    def _robots_for(self, origin: str) -> RobotFileParser:
        """Return the robots.txt rules for a scheme://host, fetching them once."""
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        return self._robots[origin]

    def _load_robots(self, origin: str) -> RobotFileParser:
        """Fetch and parse robots.txt; missing means allow all, 401/403 means disallow all."""
        robots_url = f"{origin}/robots.txt"
        parser = RobotFileParser(robots_url)
        parser.modified()
        host = _host_key(robots_url)
        self._wait_turn(host, self.delay)
        try:
            request = self._client.build_request("GET", robots_url)
            response = self._client.send(request, stream=True, follow_redirects=True)
            try:
                status = response.status_code
                text = _read_prefix(response, ROBOTS_MAX_BYTES) if status < 400 else b""
            finally:
                response.close()
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            # RFC 9309: an unreachable robots.txt means the whole site is off limits.
            parser.disallow_all = True
            reason = self._describe_network_error(exc, robots_url, robots_url)
            self._robots_failures[origin] = f"robots.txt unreachable: {reason}"
            return parser
        finally:
            self._last_request[host] = time.monotonic()
        if status in (401, 403):
            parser.disallow_all = True
        elif 400 <= status < 500:
            parser.allow_all = True
        elif status >= 500:
            parser.disallow_all = True
            self._robots_failures[origin] = (
                f"robots.txt unavailable (HTTP {status}), so the site is treated as off limits"
            )
        else:
            parser.parse(text.decode("utf-8", errors="replace").splitlines())
        return parser

    def _delay_for(self, origin: str) -> float:
        """Return the pause before a request to this origin: ours or robots' Crawl-delay."""
        crawl_delay = None
        if self.obey_robots and origin in self._robots:
            crawl_delay = self._robots[origin].crawl_delay(self.user_agent)
        return max(self.delay, float(crawl_delay or 0))

    def _wait_turn(self, host: str, delay: float) -> None:
        """Sleep until ``delay`` seconds have passed since the last request to ``host``."""
        last = self._last_request.get(host)
        if last is None or delay <= 0:
            return
        remaining = last + delay - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)

    def _describe_network_error(
        self, exc: httpx.HTTPError | httpx.InvalidURL, target: str, url: str
    ) -> str:
        """Return a short reason for a transport-level failure."""
        prefix = "" if target == url else f"redirected to {target}: "
        if isinstance(exc, httpx.ConnectTimeout):
            reason = f"timed out connecting after {self.connect_timeout:g} s"
        elif isinstance(exc, httpx.ReadTimeout):
            reason = f"timed out waiting for the server after {self.read_timeout:g} s"
        elif isinstance(exc, httpx.TimeoutException):
            reason = "timed out"
        elif isinstance(exc, httpx.ConnectError):
            reason = f"could not connect ({_first_line(exc)})"
        elif isinstance(exc, httpx.UnsupportedProtocol):
            reason = f"unsupported URL ({_first_line(exc)})"
        elif isinstance(exc, httpx.InvalidURL | httpx.RemoteProtocolError):
            reason = f"bad response or URL ({_first_line(exc)})"
        else:
            reason = f"network error ({type(exc).__name__}: {_first_line(exc)})"
        return prefix + reason


def _read_prefix(response: httpx.Response, limit: int) -> bytes:
    """Read at most ``limit`` bytes of a streaming response body."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk[: limit - size])
        size += len(chunks[-1])
        if size >= limit:
            break
    return b"".join(chunks)


def _parse_content_type(header: str) -> tuple[str, str | None]:
    """Split a Content-Type header into its lower-case media type and charset."""
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset


def _origin(url: str) -> str:
    """Return the scheme://host[:port] a URL belongs to, the unit robots.txt rules cover."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _host_key(url: str) -> str:
    """Return the host:port a URL talks to, the unit of politeness."""
    parts = urlsplit(url)
    return parts.netloc.lower().rpartition("@")[2]


def _format_size(size: int) -> str:
    """Return a byte count the way a person would say it."""
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MB"
    return f"{size:,}-byte"


def _first_line(exc: BaseException) -> str:
    """Return the first line of an exception's message, shortened."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
