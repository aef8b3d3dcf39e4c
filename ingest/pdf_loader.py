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
from ingest.pdf_characters import (
    document_words,
    join_spaced_letters,
    plain_characters,
    restore_unmapped_ligatures,
    split_glued_words,
)
from ingest.pdf_fonts import give_spaceless_fonts_a_space
from ingest.pdf_furniture import remove_contents_pages, remove_running_lines
from ingest.pdf_headings import classify_headings, looks_like_heading_text
from ingest.pdf_paragraphs import Line, build_blocks, without_pull_quotes
from kb.embedder import bundled_words

EDGE_ZONE = 0.08  # top and bottom share of a page where running headers and footers sit
EDGE_LINES = 2  # lines at each end of a page checked when their height is unknown
IMPRINT_PAGES = 3  # a cover, an imprint, a contents page
IMPRINT_LINE = re.compile(
    r"^(?:published|first published|publication date|date of publication|issued|released"
    r"|publié|publicado|pubblicato|veröffentlicht)\b",
    re.I,
)
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
    cover's "Brussels, 10 May 2024"), else on a "Published in May 2025" line of the first
    pages (an imprint), else the metadata /CreationDate.

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
    restore_ligatures(pages)
    split_glued_lines(pages)
    words = document_words(line.text for lines in pages for line in lines)
    join_letter_spacing(pages, words)
    remove_running_lines(pages)
    remove_contents_pages(pages)
    lines = [line for page_lines in pages for line in page_lines]
    if not lines:
        raise LoadError(source, "no extractable text (only page headers and numbers)")
    classify_headings(lines)
    blocks = without_pull_quotes(build_blocks(lines, words))
    cover_lines = "\n".join(line.text for line in pages[0] if len(line.text) <= SHORT_LINE)
    metadata = _metadata(reader)
    return ParsedDocument(
        source=source,
        media_type="pdf",
        blocks=blocks,
        title=meaningful_title(metadata.get("/Title")) or first_page_title(pages[0]),
        date=find_date(cover_lines)
        or imprint_date(pages[:IMPRINT_PAGES])
        or normalize_date(metadata.get("/CreationDate")),
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
    # how far along its baseline pypdf last placed the run's text (a glyph set on its own)
    reach: float | None = None


# Shares of the font size. A run drawn again within OVERPRINT of where the same text was just
# drawn is one text set twice (a fake bold or a shadow). A line break pypdf reports between
# two runs on one baseline (within BASELINE), the second starting after the first's last
# glyph and at most WORD_GAP past it, is no line break: some producers place every styled
# word group ("thank", bold "Nathan Seigner", "and") on its own, and pypdf starts a line at
# each. Such groups end at words, so a space joins them, unless punctuation takes none.
OVERPRINT = 0.2
BASELINE = 0.1
WORD_GAP = 1.5
CLOSING = tuple(",.;:)]}\u201d\u2019")  # take no space before them
OPENING = tuple("([{\u201c\u2018")  # take no space after them


def page_lines(page: PageObject, number: int) -> list[Line]:
    """Return the non-blank lines of one page in content-stream order, with font and position."""
    give_spaceless_fonts_a_space()
    runs: list[Run] = []

    def visit(text: str, cm: list, tm: list, font: dict | None, font_size: float) -> None:
        """Record one piece of text with its position, size and weight."""
        a, b, c, d, e, f = (float(value) for value in cm)
        x, y = float(tm[4]), float(tm[5])
        scale = math.hypot(float(tm[2]) * a + float(tm[3]) * c, float(tm[2]) * b + float(tm[3]) * d)
        size = abs(font_size * scale)
        placed = (x, y) != (0.0, 0.0)
        x, y = a * x + c * y + e, b * x + d * y + f
        if not text:
            # pypdf reports where the text matrix moved to: a glyph of the run before
            if placed and runs and _on_baseline(runs[-1], y):
                runs[-1] = runs[-1]._replace(reach=x)
            return
        bold = bool(font and BOLD_FONT.search(str(font.get("/BaseFont", ""))))
        if text.strip() and placed:
            run = Run(text, x, y, size, bold)
            if not _overprinted(run, runs):
                runs.append(run)
        else:
            runs.append(Run(text, None, None, size, bold))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    parts: list[Run] = []
    pieces = _pieces(runs)
    for index, piece in enumerate(pieces):
        if piece is not None:
            parts.append(piece)
        elif _goes_on(parts, pieces[index + 1 :]):
            if not _tight(parts, pieces[index + 1 :]):
                parts.append(Run(" ", None, None, 0.0, False))
        else:
            lines.append(_merge_runs(parts, number))
            parts = []
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


def _pieces(runs: list[Run]) -> list[Run | None]:
    """Return the runs cut at pypdf's line breaks, each break as None, ending with one.

    Text after a line break inside a run starts where pypdf did not say.
    """
    pieces: list[Run | None] = []
    for run in runs:
        split = run.text.split("\n")
        if len(split) > 1:  # the run's reach is its last piece's, which has no start
            run = run._replace(reach=None)
        for index, piece in enumerate(split):
            if index:
                pieces.append(None)
                run = run._replace(x=None, y=None)
            if piece:
                pieces.append(run._replace(text=piece))
    return [*pieces, None]


def _on_baseline(run: Run, y: float) -> bool:
    return run.y is not None and abs(run.y - y) <= BASELINE * max(run.size, 1.0)


def _overprinted(run: Run, runs: list[Run]) -> bool:
    """Return whether a run repeats the text last drawn, at nearly the same place."""
    last = next((r for r in reversed(runs) if r.text.strip()), None)
    if last is None or last.x is None or last.text.strip() != run.text.strip():
        return False
    near = OVERPRINT * max(run.size, 1.0)
    return abs(last.x - run.x) <= near and abs(last.y - run.y) <= near


def _tight(parts: list[Run], after: list[Run | None]) -> bool:
    """Return whether the text on either side of a gap takes no space there: a comma or a
    closing quote after it, an opening bracket or quote before it."""
    following = next((r for r in after if r is not None and r.text.strip()), None)
    before = "".join(run.text for run in parts).rstrip()
    return bool(
        (following and following.text.lstrip().startswith(CLOSING)) or before.endswith(OPENING)
    )


def _goes_on(parts: list[Run], after: list[Run | None]) -> bool:
    """Return whether the next run carries the line so far on along its baseline, so the
    line break pypdf reported between them is none."""
    last = next((r for r in reversed(parts) if r.text.strip()), None)
    following = next((r for r in after if r is None or r.text.strip()), None)
    if last is None or last.reach is None or following is None or following.x is None:
        return False
    gap = (following.x - last.reach) / max(last.size, 1.0)
    return _on_baseline(last, following.y) and 0 < gap <= WORD_GAP


def restore_ligatures(pages: list[list[Line]]) -> None:
    """Spell out ligatures the fonts left unmapped ("publica\x00on"), by the words they make."""
    lines = [line for page_lines in pages for line in page_lines]
    texts = restore_unmapped_ligatures([line.text for line in lines], bundled_words())
    for line, text in zip(lines, texts, strict=True):
        line.text = text


def split_glued_lines(pages: list[list[Line]]) -> None:
    """Split words run together where the extractor lost the gaps of a tightly set line."""
    lines = [line for page_lines in pages for line in page_lines]
    for line, text in zip(lines, split_glued_words([line.text for line in lines]), strict=True):
        line.text = text


def join_letter_spacing(pages: list[list[Line]], words: set[str]) -> None:
    """Join the letters of words set letter-spaced, by the ``words`` the document uses."""
    for lines in pages:
        for line in lines:
            line.text = join_spaced_letters(line.text, words)


def _merge_runs(runs: list[Run], page: int) -> Line:
    """Return a line made of text runs, with the size and weight most of its letters have."""
    text = plain_characters(re.sub(r"\s+", " ", "".join(run.text for run in runs)).strip())
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
        if line.size == largest and looks_like_heading_text(line.text):
            title_lines.append(line.text)
        elif title_lines:
            break
    return " ".join(title_lines) or lines[0].text[:200]


def imprint_date(pages: list[list[Line]]) -> str | None:
    """Return the date of the first "Published ..." or "Publication date ..." line, if any."""
    for lines in pages:
        for line in lines:
            if IMPRINT_LINE.match(line.text) and (found := find_date(line.text)):
                return found
    return None


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
