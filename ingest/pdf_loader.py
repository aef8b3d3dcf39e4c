"""Load a PDF into heading and paragraph blocks that remember the pages their text sits on.

Lines come from pypdf's text visitor with their font size, weight and height on the page.
Running headers, footers, page numbers and tables of contents are dropped, wrapped lines
are joined into paragraphs (also across page breaks, in `pdf_paragraphs`) and headings are
told apart by their font.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError

from ingest.dates import find_date, normalize_date
from ingest.document import ParsedDocument
from ingest.errors import LoadError
from ingest.language import detect_language, normalize_language_tag
from ingest.pdf_paragraphs import BULLET, TERMINAL_PUNCTUATION, Line, build_blocks

EDGE_ZONE = 0.08  # top and bottom share of a page where running headers and footers sit
EDGE_LINES = 2  # lines at each end of a page checked when their height is unknown
PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|pg\.?|pag\.|página|pagina|seite)\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?"
    r"(?:\s*(?:/|of|de|di|von|sur)\s*\d{1,4})?$",
    re.I,
)
ROMAN_PAGE_NUMBER = re.compile(r"^[ivxlc]{1,7}$", re.I)
NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+\S")
CONTENTS_ENTRY = re.compile(r"^(?=.*[^\W\d_]{3}).{3,150}?[\s.·…_]\s*(\d{1,4})$")
CONTENTS_TITLE = re.compile(
    r"^(?:(?:table\s+of\s+)?contents|index|summary|sommaire|índice|indice|inhalt|"
    r"inhaltsverzeichnis|spis\s+treści|tartalom|obsah|sisukord|περιεχόμενα)\s*:?$",
    re.I,
)
CONTENTS_MIN_ENTRIES = 4  # lines ending in a page number before a page counts as contents
SHORT_LINE = 80  # first-page lines this short may state the date ("Brussels, 10 May 2024")
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
MEANINGLESS_TITLE = re.compile(
    r"^(?:untitled.*|title|document\d*|microsoft word.*|.*\.(?:docx?|pdf|indd|pptx?|odt|rtf)"
    r"|[\w.-]*[_\d][\w.-]*|\W*)$",
    re.I,
)


def load_pdf(path: Path, *, source: str | None = None, max_pages: int = 2000) -> ParsedDocument:
    """Load a PDF into blocks with their pages, without running headers, footers or page numbers.

    The title is the metadata /Title unless it is a file or program name, else the largest
    text on the first page; the date is one stated in a short line of the first page (a
    cover's "Published in May 2025"), else the metadata /CreationDate.

    Raises LoadError for a file that is empty, not a PDF, damaged or truncated, encrypted
    with a password, longer than ``max_pages`` or without any text. The last reason starts
    with "no extractable text" (an image-only or scanned PDF): the pipeline reports it as a
    warning rather than a failure. Pages without text are named in ``warnings``.
    """
    source = source or str(path)
    reader = open_pdf(path, source)
    try:
        page_count = len(reader.pages)
        if page_count > max_pages:
            raise LoadError(
                source, f"PDF has {page_count} pages, more than the {max_pages} allowed"
            )
        pages, warnings = read_page_lines(reader, source)
    except LoadError:
        raise
    except Exception as error:
        raise LoadError(source, f"PDF is damaged or truncated: {_short(error)}") from error
    if not any(pages):
        raise LoadError(source, "no extractable text (image-only PDF?)")
    remove_running_lines(pages)
    remove_contents_pages(pages)
    lines = [line for page_lines in pages for line in page_lines]
    if not lines:
        raise LoadError(source, "no extractable text (only page headers and numbers)")
    classify_headings(lines)
    blocks = build_blocks(lines)
    cover_lines = "\n".join(line.text for line in pages[0] if len(line.text) <= SHORT_LINE)
    metadata = _metadata(reader)
    return ParsedDocument(
        source=source,
        media_type="pdf",
        blocks=blocks,
        title=meaningful_title(metadata.get("/Title")) or first_page_title(pages[0]),
        date=find_date(cover_lines) or normalize_date(metadata.get("/CreationDate")),
        language=_catalog_language(reader) or detect_language(" ".join(b.text for b in blocks)),
        page_count=page_count,
        warnings=warnings,
    )


def open_pdf(path: Path, source: str) -> PdfReader:
    """Return a reader for a PDF file, decrypted with the empty password if need be."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LoadError(source, f"cannot read file: {error.strerror or error}") from error
    if not data or data.isspace():
        raise LoadError(source, "file is empty")
    if b"%PDF-" not in data[:1024]:
        raise LoadError(source, "not a PDF file")
    if b"%%EOF" not in data[-4096:]:
        raise LoadError(source, "PDF is damaged or truncated: no end-of-file marker")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise LoadError(source, "PDF is encrypted and needs a password")
    except LoadError:
        raise
    except DependencyError as error:
        raise LoadError(source, f"PDF is encrypted in a way pypdf cannot read: {error}") from error
    except Exception as error:
        raise LoadError(source, f"PDF is damaged or truncated: {_short(error)}") from error
    return reader


def read_page_lines(reader: PdfReader, source: str) -> tuple[list[list[Line]], list[str]]:
    """Return the text lines of every page and warnings about pages without text."""
    pages, warnings, failures = [], [], []
    for number, page in enumerate(reader.pages, start=1):
        try:
            lines = page_lines(page, number)
        except Exception as error:
            failures.append(error)
            warnings.append(f"page {number} could not be read: {_short(error)}")
            lines = []
        else:
            if not lines:
                warnings.append(f"page {number} has no extractable text")
        pages.append(lines)
    if failures and len(failures) == len(pages):
        raise LoadError(source, f"PDF is damaged or truncated: {_short(failures[0])}")
    return pages, warnings


class Run(NamedTuple):
    """A piece of text pypdf reports, with where it starts and the font it is set in."""

    text: str
    x: float | None
    y: float | None
    size: float
    bold: bool


def page_lines(page: PageObject, number: int) -> list[Line]:
    """Return the non-blank lines of one page in content-stream order, with font and position."""
    runs: list[Run] = []

    def visit(text: str, cm: list, tm: list, font: dict | None, font_size: float) -> None:
        """Record one piece of text with its position, size and weight."""
        if not text:
            return
        a, b, c, d, e, f = (float(value) for value in cm)
        x, y = float(tm[4]), float(tm[5])
        scale = math.hypot(float(tm[2]) * a + float(tm[3]) * c, float(tm[2]) * b + float(tm[3]) * d)
        bold = bool(font and BOLD_FONT.search(str(font.get("/BaseFont", ""))))
        if text.strip() and (x, y) != (0.0, 0.0):
            runs.append(
                Run(text, a * x + c * y + e, b * x + d * y + f, abs(font_size * scale), bold)
            )
        else:
            runs.append(Run(text, None, None, abs(font_size * scale), bold))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    parts: list[Run] = []
    for run in [*runs, Run("\n", None, None, 0.0, False)]:
        for index, piece in enumerate(run.text.split("\n")):
            if index:  # text after a line break starts where pypdf did not say
                lines.append(_merge_runs(parts, number))
                parts, run = [], run._replace(x=None, y=None)
            if piece:
                parts.append(run._replace(text=piece))
    lines = [line for line in lines if line.text]
    bottom, top = float(page.mediabox.bottom), float(page.mediabox.top)
    for position, line in enumerate(lines):
        if line.y is None or top <= bottom:
            line.at_edge = position < EDGE_LINES or position >= len(lines) - EDGE_LINES
        else:
            share = (line.y - bottom) / (top - bottom)
            line.at_edge = share <= EDGE_ZONE or share >= 1 - EDGE_ZONE
            line.y -= bottom
    return lines


def _merge_runs(runs: list[Run], page: int) -> Line:
    """Return a line made of text runs, with the size and weight most of its letters have."""
    text = re.sub(r"\s+", " ", "".join(run.text for run in runs)).strip()
    letters: Counter[float] = Counter()
    bold_letters = 0
    for run in runs:
        count = len(run.text.strip())
        letters[round(run.size * 2) / 2] += count
        bold_letters += count if run.bold else 0
    placed = [run for run in runs if run.y is not None]
    size = letters.most_common(1)[0][0] if letters else 0.0
    bold = bold_letters > 0 and bold_letters >= 0.9 * sum(letters.values())
    x, y = (placed[0].x, placed[0].y) if placed else (None, None)
    return Line(text, page, x, y, size, bold)


def remove_running_lines(pages: list[list[Line]]) -> None:
    """Drop page numbers and lines repeated at the top or bottom of several pages, in place."""
    repeats = Counter()
    for lines in pages:
        repeats.update({_running_key(line.text) for line in lines if line.at_edge})
    threshold = 2 if sum(1 for lines in pages if lines) <= 4 else 3
    for lines in pages:
        lines[:] = [
            line for line in lines
            if not line.at_edge or not (
                repeats[_running_key(line.text)] >= threshold
                or PAGE_NUMBER.match(line.text) or ROMAN_PAGE_NUMBER.match(line.text)
            )
        ]  # fmt: skip


def remove_contents_pages(pages: list[list[Line]]) -> None:
    """Drop tables of contents, in place, unless nothing else in the document has text.

    A table of contents is a run of at least four consecutive lines ending in rising page
    numbers (after spaces or dot leaders), under a "Contents" title or making up most of the
    page's lines. A page that is mostly contents is dropped whole, else only the entries and title.
    The headings reappear in every passage's section path, so as text a table of contents
    adds nothing but a list of words that can win close calls against the passages they
    introduce.
    """
    kept = [_without_contents(lines) for lines in pages]
    if any(kept):
        pages[:] = kept


def _without_contents(lines: list[Line]) -> list[Line]:
    """Return a page's lines without its table of contents, if it holds one."""
    entries = _longest_contents_run(lines)
    if len(entries) < CONTENTS_MIN_ENTRIES:
        return lines
    titles = [index for index, line in enumerate(lines) if CONTENTS_TITLE.match(line.text)]
    if len(entries) >= 2 * (len(lines) - len(entries) - len(titles)):
        return []
    if titles:
        dropped = set(entries) | set(titles)
        return [line for index, line in enumerate(lines) if index not in dropped]
    return lines


def _longest_contents_run(lines: list[Line]) -> list[int]:
    """Return the indexes of the longest run of consecutive lines ending in rising numbers."""
    best: list[int] = []
    run: list[int] = []
    last = 0
    for index, line in enumerate(lines):
        match = CONTENTS_ENTRY.match(line.text)
        number = int(match.group(1)) if match else -1
        if match and run and number >= last:
            run.append(index)
        else:
            run = [index] if match else []
        last = number
        if len(run) > len(best):
            best = list(run)
    return best


def _running_key(text: str) -> str:
    """Return a line's text in lower case with numbers replaced, to spot running lines."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def classify_headings(lines: list[Line]) -> None:
    """Set ``heading_level`` (1-3) on heading lines: by font size and weight, else by form.

    Levels rank heading styles (larger first, bold before regular) seen after the cover page,
    so a cover title larger than any section heading is level 1 like the top sections.
    """
    sizes = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    has_bold = any(line.bold for line in lines) and not all(line.bold for line in lines)
    if len(sizes) == 1 and not has_bold:
        _classify_headings_by_form(lines)
        return
    candidates = [line for line in lines if _looks_like_heading_text(line.text) and (
        line.size >= body_size * 1.12 or (line.bold and has_bold and line.size >= body_size * 0.9)
    )]  # fmt: skip
    cover_page = lines[0].page
    ranked_styles = {(line.size, line.bold) for line in candidates if line.page > cover_page} or {
        (line.size, line.bold) for line in candidates
    }
    for line in candidates:
        bigger = sum(1 for size, bold in ranked_styles if (size, bold) > (line.size, line.bold))
        line.heading_level = min(1 + bigger, 3)


def _classify_headings_by_form(lines: list[Line]) -> None:
    """Mark short, unpunctuated Title Case or numbered lines followed by body text as headings."""
    for index, line in enumerate(lines):
        after = lines[index + 1] if index + 1 < len(lines) else None
        before = lines[index - 1] if index else None
        if not _looks_like_heading_text(line.text) or len(line.text) > 80 or after is None:
            continue
        starts_block = (
            before is None or before.page != line.page or (before.text[-1] in TERMINAL_PUNCTUATION)
        )
        numbered = NUMBERED_HEADING.match(line.text)
        words = [word for word in line.text.split() if len(word) > 3 and word[0].isalpha()]
        title_case = words and sum(word[0].isupper() for word in words) >= 0.6 * len(words)
        if starts_block and len(after.text) > len(line.text) and (numbered or title_case):
            line.heading_level = min(numbered.group(1).count(".") + 1, 3) if numbered else 1


def _looks_like_heading_text(text: str) -> bool:
    """Return whether a line's wording could be a heading: short, lettered, unpunctuated."""
    letters = sum(char.isalpha() for char in text)
    return (
        letters >= 3 and len(text) <= 150 and len(text.split()) <= 20
        and text[-1] not in ".,;" and (NUMBERED_HEADING.match(text) or not BULLET.match(text))
    )  # fmt: skip


def meaningful_title(title: object) -> str | None:
    """Return a metadata title unless it is empty or a file or program name."""
    text = re.sub(r"\s+", " ", str(title or "")).strip()
    return None if len(text) < 3 or MEANINGLESS_TITLE.match(text) else text


def first_page_title(lines: list[Line]) -> str | None:
    """Return the largest text of two or more words on the first page (wrapped lines joined).

    A single large word is usually a logo ("CECOP"), so it is the title only when nothing
    else qualifies; without font sizes the title is the page's first line.
    """
    if not lines:
        return None
    phrases = [line for line in lines if len(line.text.split()) > 1] or lines
    largest = max(line.size for line in phrases)
    title_lines: list[str] = []
    for line in lines:
        if line.size == largest and _looks_like_heading_text(line.text):
            title_lines.append(line.text)
        elif title_lines:
            break
    return " ".join(title_lines) or lines[0].text[:200]


def _metadata(reader: PdfReader) -> dict[str, str]:
    """Return the document information dictionary as strings, empty if unreadable."""
    try:
        return {key: str(value) for key, value in (reader.metadata or {}).items()}
    except Exception:
        return {}


def _catalog_language(reader: PdfReader) -> str | None:
    """Return the language the PDF catalog declares in /Lang, if any."""
    try:
        return normalize_language_tag(str(reader.trailer["/Root"].get("/Lang") or ""))
    except Exception:
        return None


def _short(error: Exception) -> str:
    """Return an exception as a short one-line detail."""
    detail = f"{type(error).__name__}: {error}".splitlines()[0]
    return detail if len(detail) <= 160 else detail[:157] + "..."
