"""Walk a site from a start page or a sitemap, yielding each fetched document or its error."""

from __future__ import annotations

import warnings
import zlib
from collections import deque
from collections.abc import Iterator
from contextlib import suppress
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

from ingest.errors import LoadError
from ingest.fetch import DOCUMENT_TYPES, SCHEMES, FetchedResource, Fetcher

SITEMAP_TYPES = frozenset({"application/xml", "text/xml", "application/gzip", "application/x-gzip"})
MAX_SITEMAPS = 100  # nested sitemaps fetched per crawl, at most
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed
# Link targets that are certainly neither an HTML page nor a PDF; never requested.
SKIPPED_SUFFIXES = frozenset(
    ".css .js .json .rss .atom .ics .jpg .jpeg .png .gif .webp .svg .ico .bmp .tif .tiff"
    " .mp3 .mp4 .m4a .wav .ogg .webm .mov .avi .zip .gz .tgz .rar .7z .exe .dmg"
    " .xml .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .csv .txt .woff .woff2 .ttf .eot".split()
)


def crawl(
    start: str, fetcher: Fetcher, *, max_pages: int = 50, same_site: bool = True
) -> Iterator[FetchedResource | LoadError]:
    """Yield the documents reachable from a page or listed in a sitemap, and each failure.

    A page start is followed breadth-first through its ``<a href>`` links; a sitemap start
    (a ``<urlset>`` or ``<sitemapindex>``) yields just the pages it lists. ``max_pages``
    counts documents fetched; ``same_site`` keeps to the start URL's host (``www.`` aside).
    """
    try:
        start = normalise_url(start)
    except ValueError as exc:
        yield LoadError(start, f"invalid URL ({exc})")
        return
    try:
        first = fetcher.fetch(start, accept=DOCUMENT_TYPES | SITEMAP_TYPES)
    except LoadError as error:
        yield error
        return
    listed = sitemap_urls(first)
    if listed is not None:
        pages = _pages_from_sitemaps(start, listed, fetcher, same_site)
        yield from _fetch_listed(pages, start, fetcher, max_pages, same_site)
    elif first.kind is None:
        yield LoadError(start, f"unsupported content type {first.content_type!r} (not a sitemap)")
    elif max_pages > 0:
        yield from _follow_links(first, fetcher, max_pages, same_site)


def links_in_html(body: bytes, base_url: str) -> list[str]:
    """Return the distinct http(s) links of a page's ``<a href>``s, absolute, without fragments."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(body, "html.parser")
    base_tag = soup.find("base", href=True)
    if base_tag is not None:
        with suppress(ValueError):
            base_url = urljoin(base_url, str(base_tag["href"]).strip())
    links: list[str] = []
    seen: set[str] = set()
    for anchor in soup.find_all("a", href=True):
        href = str(anchor["href"]).strip()
        if not href or href.startswith("#"):
            continue
        try:
            url = normalise_url(urljoin(base_url, href))
        except ValueError:
            continue  # a malformed link, such as "http://[broken"
        if urlsplit(url).scheme in SCHEMES and url not in seen:
            seen.add(url)
            links.append(url)
    return links


def sitemap_urls(resource: FetchedResource) -> tuple[str, list[str]] | None:
    """Return ("urlset" or "sitemapindex", its <loc> URLs) if the resource is a sitemap."""
    if resource.kind == "pdf":
        return None
    body = _gunzip(resource.body) if resource.body.startswith(b"\x1f\x8b") else resource.body
    head = body[:4096].lower()
    if resource.kind == "html" and b"<urlset" not in head and b"<sitemapindex" not in head:
        return None
    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, ValueError):
        return None
    root_name = _local_name(root.tag)
    if root_name not in ("urlset", "sitemapindex"):
        return None
    locs = [
        element.text.strip()
        for element in root.iter()
        if _local_name(element.tag) == "loc" and element.text and element.text.strip()
    ]
    return root_name, locs


def is_same_site(url: str, other: str) -> bool:
    """Return whether two URLs are on the same host, counting "www." as the same site."""
    return _site(url) == _site(other)


def normalise_url(url: str) -> str:
    """Return the URL without its fragment and with "/" for an empty path."""
    url = urldefrag(url.strip()).url
    parts = urlsplit(url)
    if parts.scheme in SCHEMES and parts.netloc and not parts.path:
        url = urlunsplit(parts._replace(path="/"))
    return url


def _follow_links(
    first: FetchedResource, fetcher: Fetcher, max_pages: int, same_site: bool
) -> Iterator[FetchedResource | LoadError]:
    """Yield pages breadth-first from an already-fetched start page."""
    done = {first.url, normalise_url(first.final_url)}  # documents already yielded
    queued = set(done)
    queue: deque[str] = deque()
    result: FetchedResource | LoadError | None = first
    fetched = 0
    while True:
        if isinstance(result, LoadError):
            yield result
        elif result is not None:
            yield result
            fetched += 1
            if fetched >= max_pages:
                return
            for link in _links_to_follow(result, first.url, same_site):
                if link not in queued:
                    queued.add(link)
                    queue.append(link)
        while queue and queue[0] in done:  # reached earlier through a redirect
            queue.popleft()
        if not queue:
            return
        result = _fetch_new(queue.popleft(), fetcher, done)


def _fetch_listed(
    pages: Iterator[str | LoadError],
    start: str,
    fetcher: Fetcher,
    max_pages: int,
    same_site: bool,
) -> Iterator[FetchedResource | LoadError]:
    """Yield the pages a sitemap lists, with no link following."""
    listed: set[str] = set()
    done: set[str] = set()
    fetched = 0
    if max_pages <= 0:
        return
    for page in pages:
        if isinstance(page, LoadError):
            yield page
            continue
        try:
            url = normalise_url(page)
        except ValueError:
            yield LoadError(page, "invalid URL in sitemap")
            continue
        if url in listed or url in done or not _wanted(url, start, same_site):
            continue
        listed.add(url)
        result = _fetch_new(url, fetcher, done)
        if result is None:
            continue
        yield result
        if isinstance(result, FetchedResource):
            fetched += 1
            if fetched >= max_pages:
                return


def _links_to_follow(resource: FetchedResource, start: str, same_site: bool) -> list[str]:
    """Return the links of an HTML page worth crawling; PDFs are not followed."""
    if resource.kind != "html":
        return []
    links = links_in_html(resource.body, resource.final_url)
    return [link for link in links if _wanted(link, start, same_site)]


def _pages_from_sitemaps(
    start: str, listed: tuple[str, list[str]], fetcher: Fetcher, same_site: bool
) -> Iterator[str | LoadError]:
    """Yield the page URLs of a sitemap, fetching nested sitemaps as they are reached."""
    pending: deque[tuple[str, tuple[str, list[str]] | None]] = deque([(start, listed)])
    seen_sitemaps = {start}
    while pending:
        sitemap_url, parsed = pending.popleft()
        if parsed is None:
            parsed = _fetch_sitemap(sitemap_url, fetcher)
            if isinstance(parsed, LoadError):
                yield parsed
                continue
        root_name, locs = parsed
        if root_name == "urlset":
            yield from locs
            continue
        for loc in locs:
            try:
                child = normalise_url(loc)
            except ValueError:
                yield LoadError(loc, "invalid URL in sitemap")
                continue
            if child in seen_sitemaps or not _wanted(child, start, same_site, pages=False):
                continue
            if len(seen_sitemaps) >= MAX_SITEMAPS:
                yield LoadError(child, f"skipped: more than {MAX_SITEMAPS} nested sitemaps")
                return
            seen_sitemaps.add(child)
            pending.append((child, None))


def _fetch_sitemap(url: str, fetcher: Fetcher) -> tuple[str, list[str]] | LoadError:
    """Fetch and parse a nested sitemap, or return why that failed."""
    try:
        resource = fetcher.fetch(url, accept=SITEMAP_TYPES | DOCUMENT_TYPES)
    except LoadError as error:
        return error
    parsed = sitemap_urls(resource)
    if parsed is None:
        return LoadError(url, "not a sitemap (expected <urlset> or <sitemapindex>)")
    return parsed


def _fetch_new(url: str, fetcher: Fetcher, done: set[str]) -> FetchedResource | LoadError | None:
    """Fetch a page; return None if it redirected to a document already yielded."""
    try:
        resource = fetcher.fetch(url)
    except LoadError as error:
        return error
    final_url = normalise_url(resource.final_url)
    if final_url in done:
        return None
    done.update((url, final_url))
    return resource


def _wanted(url: str, start: str, same_site: bool, *, pages: bool = True) -> bool:
    """Return whether a discovered URL is worth requesting."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        return False
    if same_site and not is_same_site(url, start):
        return False
    suffix = parts.path.lower().rpartition("/")[2]
    dot = suffix.rfind(".")
    return not pages or dot < 0 or suffix[dot:] not in SKIPPED_SUFFIXES


def _site(url: str) -> str:
    """Return a URL's host, lower-case, without a leading "www."."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def _local_name(tag: str) -> str:
    """Return an XML tag without its namespace."""
    return tag.rpartition("}")[2]


def _gunzip(data: bytes) -> bytes:
    """Decompress a gzipped sitemap, refusing to inflate past the sitemap size limit."""
    try:
        inflater = zlib.decompressobj(wbits=31)
        return inflater.decompress(data, MAX_SITEMAP_BYTES)
    except zlib.error:
        return data
