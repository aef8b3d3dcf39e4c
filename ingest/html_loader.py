"""Load an HTML page: keep the article's headings and paragraphs, drop the site's chrome."""

from __future__ import annotations

import codecs
import json
import re
import warnings
from collections.abc import Callable
from urllib.parse import urljoin

from bs4 import (
    BeautifulSoup,
    MarkupResemblesLocatorWarning,
    NavigableString,
    Tag,
    XMLParsedAsHTMLWarning,
)

from ingest.dates import find_date, normalize_date
from ingest.document import HEADING, Block, ParsedDocument
from ingest.errors import LoadError
from ingest.html_chrome import (
    ALWAYS_DROPPED_TAGS,
    BYLINE_CLASS,
    CHROME_PARAGRAPHS,
    CHROME_TAGS,
    HEADING_TAGS,
    choose_main_container,
    inside_chrome,
    remove_chrome,
    title_teasers,
)
from ingest.language import detect_language, normalize_language_tag

BLOCK_TAGS = HEADING_TAGS | {
    "p", "div", "section", "article", "main", "ul", "ol", "li", "blockquote", "table", "tr",
    "pre", "figure", "figcaption", "dl", "dt", "dd", "address", "details", "summary", "hr",
    "thead", "tbody", "tfoot", "center", "td", "th",
}  # fmt: skip
# Zero-width spaces and joiners, word joiners, byte-order marks and soft hyphens: invisible
# on the page (a heading's anchor link "​"), they would split or glue words in the text.
INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
TITLE_SEPARATORS = re.compile(r"\s+[-|–—·:]{1,2}\s+")
META_CHARSET = re.compile(
    rb"""(?:<meta[^>]+charset|<\?xml[^>]+encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I
)
DATE_SEARCH_CHARS = 1500


def load_html(data: bytes | str, *, source: str, base_url: str | None = None) -> ParsedDocument:
    """Load an HTML page into the blocks of its main content and the metadata it declares.

    Headings are kept as heading blocks, including the article's h1 (also used as the title
    when there is no og:title), so the first block is usually a level-1 heading repeating the
    title. Raises LoadError "not an HTML document (binary data)" for binary junk and "no
    readable text" for a page without main text.
    """
    text = decode_html(data, source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "html.parser")
    site_name = _meta(soup, "og:site_name") or _meta(soup, "application-name")
    date = find_metadata_date(soup)
    for tag in soup.find_all(ALWAYS_DROPPED_TAGS):
        tag.decompose()
    container = choose_main_container(soup)
    title_teasers(container)
    header_text = " ".join(header.get_text(" ") for header in container.find_all("header"))
    byline_text = " ".join(byline.get_text(" ") for byline in container.find_all(_is_byline))
    remove_chrome(container)
    blocks = extract_blocks(container)
    for block in blocks:
        block.text = INVISIBLE.sub("", block.text)
    blocks = [block for block in blocks if block.text.strip()]
    if not blocks:
        raise LoadError(source, "no readable text")
    body_text = "\n".join(block.text for block in blocks)
    return ParsedDocument(
        source=source,
        media_type="html",
        blocks=blocks,
        title=find_title(soup, container.find("h1"), site_name),
        date=date
        or find_date(byline_text)
        or find_date(header_text)
        or find_date(body_text[:DATE_SEARCH_CHARS]),
        language=find_language(soup) or detect_language(body_text),
        canonical_url=find_canonical_url(soup, base_url),
    )


def decode_html(data: bytes | str, source: str) -> str:
    """Return the text of an HTML page, decoded by its BOM or meta charset, else as UTF-8."""
    if isinstance(data, str):
        text = data
    else:
        text = _decode_bytes(data)
    text = text.lstrip("\ufeff")
    head = text[:4096]
    junk = sum(1 for char in head if char == "\ufffd" or (char < " " and char not in "\t\n\r\f"))
    if not text.strip() or "\x00" in text or junk > len(head) // 20:
        raise LoadError(source, "not an HTML document (binary data)")
    if not re.search(r"<[A-Za-z!/]", text) and junk:
        raise LoadError(source, "not an HTML document (binary data)")
    return text


def _decode_bytes(data: bytes) -> str:
    """Return ``data`` decoded by its byte-order mark or meta charset, falling back to UTF-8."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):  # fmt: skip
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if b"\x00" in data:
        return "\x00"
    declared = META_CHARSET.search(data[:4096])
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        encoding = codecs.lookup(encoding).name
    except LookupError:
        encoding = "utf-8"
    if encoding.startswith(("utf-16", "utf-32")):  # declared, but the bytes had no BOM
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def extract_blocks(container: Tag) -> list[Block]:
    """Return the heading and paragraph blocks of ``container`` in document order."""
    blocks: list[Block] = []
    inline: list[str] = []

    def flush() -> None:
        """Turn the inline text gathered so far into a paragraph block."""
        paragraph = _clean("".join(inline))
        inline.clear()
        if paragraph and not CHROME_PARAGRAPHS.match(paragraph):
            blocks.append(Block(paragraph))

    def walk(element: Tag) -> None:
        """Gather inline text and add blocks for the block-level children of ``element``."""
        for child in element.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    inline.append(re.sub(r"\s+", " ", str(child)))
            elif child.name == "br":
                inline.append("\n")
            elif child.name not in BLOCK_TAGS:
                walk(child)
            else:
                flush()
                _add_block(child, blocks, walk)
                flush()

    walk(container)
    flush()
    return blocks


def _add_block(element: Tag, blocks: list[Block], walk: Callable[[Tag], None]) -> None:
    """Append the block(s) of one block-level element, walking into generic containers."""
    if element.name in HEADING_TAGS:
        text = _words(element)
        if text:
            blocks.append(Block(text, kind=HEADING, level=int(element.name[1])))
    elif element.name in ("ul", "ol"):
        text = "\n".join(_list_lines(element))
        if text:
            blocks.append(Block(text))
    elif element.name == "table" and not _is_layout_table(element):
        for row in element.find_all("tr"):
            cells = [_words(cell) for cell in row.find_all(["th", "td"])]
            if any(cells):
                blocks.append(Block(" | ".join(cell for cell in cells if cell)))
    elif element.name == "pre":
        text = element.get_text().strip("\n")
        if text.strip():
            blocks.append(Block(text))
    elif element.name != "hr":
        walk(element)


def _is_layout_table(table: Tag) -> bool:
    """Return whether a table lays out a page, as emails are built, rather than holding data.

    Such a table is marked role="presentation", or nests tables or headings in its cells;
    its cells are walked as containers, each a block of its own.
    """
    return table.get("role") in ("presentation", "none") or bool(
        table.find(["table", *HEADING_TAGS])
    )


def _list_lines(element: Tag, depth: int = 0) -> list[str]:
    """Return one line per list item ("- item" or "1. item"), nested lists indented."""
    lines = []
    items = element.find_all("li", recursive=False)
    for number, item in enumerate(items, start=1):
        nested = [
            sublist.extract()
            for sublist in item.find_all(["ul", "ol"])
            if sublist.find_parent(["ul", "ol"]) is element
        ]
        text = _words(item)
        marker = f"{number}." if element.name == "ol" else "-"
        if text:
            lines.append("  " * depth + f"{marker} {text}")
        for sublist in nested:
            lines.extend(_list_lines(sublist, depth + 1))
    return lines


def _words(element: Tag) -> str:
    """Return the text of an element on one line: inline tags joined, block tags spaced."""
    pieces = []
    for node in element.descendants:
        if type(node) is NavigableString:
            pieces.append(str(node))
        elif isinstance(node, Tag) and (node.name in BLOCK_TAGS or node.name in ("br", "td", "th")):
            pieces.append(" ")
    return re.sub(r"\s+", " ", "".join(pieces)).strip()


def _clean(text: str) -> str:
    """Return ``text`` with whitespace collapsed within lines and blank lines removed."""
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _is_byline(tag: Tag) -> bool:
    """Return whether an element is a post's meta line (author, date), by class or id."""
    return bool(BYLINE_CLASS.search(" ".join([*(tag.get("class") or []), tag.get("id") or ""])))


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    """Return the content of the first meta tag whose property or name is one of ``names``."""
    wanted = {name.lower() for name in names}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        if key in wanted and (tag.get("content") or "").strip():
            return tag["content"].strip()
    return None


def find_title(soup: BeautifulSoup, h1: Tag | None, site_name: str | None) -> str | None:
    """Return og:title, else the article's h1, else <title> without a site suffix, else any h1."""
    og_title = _meta(soup, "og:title", "twitter:title")
    if og_title:
        return strip_site_suffix(og_title, site_name, guess=False)
    if h1 is not None and _words(h1):
        return _words(h1)
    if soup.title and soup.title.string and soup.title.string.strip():
        return strip_site_suffix(_clean(soup.title.string), site_name, guess=True)
    any_h1 = soup.find("h1")
    return _words(any_h1) or None if any_h1 else None


def strip_site_suffix(title: str, site_name: str | None, *, guess: bool) -> str:
    """Return ``title`` without a trailing " - Site" part naming the site.

    With ``guess``, a short trailing part made of capitalised words counts as a site name too.
    """
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    last = parts[-1].strip()
    words = last.split()
    named = site_name is not None and last.lower() == site_name.strip().lower()
    looks_like_site = guess and len(words) <= 4 and all(w[:1].isupper() for w in words)
    if named or looks_like_site or last.upper() == "CECOP":
        return title[: title.rfind(parts[-1])].rstrip(" -|–—·:")
    return title


def find_metadata_date(soup: BeautifulSoup) -> str | None:
    """Return the publication date the page declares in meta tags, <time> or JSON-LD."""
    published = normalize_date(_meta(soup, "article:published_time", "og:published_time"))
    if published:
        return published
    times = soup.select("article time[datetime], main time[datetime]") or soup.select(
        "time[datetime]"
    )
    for time in times:
        in_byline = any(_is_byline(parent) for parent in time.parents)
        in_chrome = inside_chrome(time, CHROME_TAGS[:3])
        if (in_byline or not in_chrome) and normalize_date(time["datetime"]):
            return normalize_date(time["datetime"])
    for script in soup.find_all("script", type="application/ld+json"):
        found = _json_ld_date(script.string or "")
        if found:
            return found
    names = ("date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
             "citation_publication_date", "pubdate", "publishdate", "datepublished",
             "dc.date.created", "dcterms.created")  # fmt: skip
    return normalize_date(_meta(soup, *names))


def _json_ld_date(text: str) -> str | None:
    """Return the first datePublished in a JSON-LD script, searching @graph and nested lists."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    pending = [data]
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            found = item.get("datePublished")
            if isinstance(found, str) and normalize_date(found):
                return normalize_date(found)
            pending.extend(value for value in item.values() if isinstance(value, (dict, list)))
    return None


def find_language(soup: BeautifulSoup) -> str | None:
    """Return the language declared by <html lang> or a content-language meta tag."""
    html = soup.find("html")
    declared = html.get("lang") or html.get("xml:lang") if html else None
    if not declared:
        tag = soup.find("meta", attrs={"http-equiv": re.compile("content-language", re.I)})
        declared = tag.get("content") if tag else None
    return normalize_language_tag(declared)


def find_canonical_url(soup: BeautifulSoup, base_url: str | None) -> str | None:
    """Return <link rel=canonical>, else og:url, resolved against ``base_url``; else base_url."""
    link = soup.find("link", rel=lambda rel: rel and "canonical" in rel, href=True)
    href = link["href"].strip() if link else None
    href = href or _meta(soup, "og:url")
    if href:
        return urljoin(base_url, href) if base_url else href
    return base_url
