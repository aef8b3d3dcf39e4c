"""Page furniture of a PDF that is not the document's text: running lines and contents.

Running headers and footers repeat at the top or bottom of many pages (some with the
chapter's name or the page number in them); a table of contents lists the headings with
their page numbers. Both are dropped before lines are joined into paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.pdf_paragraphs import Line

RUNNING_PREFIX_WORDS = 4  # first words shared by a running header that names the chapter
RUNNING_LINE_LENGTH = 80  # longer edge lines are body text, whatever their first words
PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|pg\.?|pag\.|página|pagina|seite)\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?"
    r"(?:\s*(?:/|of|de|di|von|sur)\s*\d{1,4})?$",
    re.I,
)
ROMAN_PAGE_NUMBER = re.compile(r"^[ivxlc]{1,7}$", re.I)
CONTENTS_ENTRY = re.compile(r"^(?=.*[^\W\d_]{3}).{3,150}?[\s.·…_]\s*(\d{1,4})$")
CONTENTS_TITLE = re.compile(
    r"^(?:(?:table\s+of\s+)?contents|index|summary|sommaire|índice|indice|inhalt|"
    r"inhaltsverzeichnis|spis\s+treści|tartalom|obsah|sisukord|περιεχόμενα)\s*:?$",
    re.I,
)
CONTENTS_MIN_ENTRIES = 4  # lines ending in a page number before a page counts as contents
# A dot leader, spaced or not ("Projects . . . . . 18", "Projects ........ 18").
DOT_LEADER = re.compile(r"(?:\s*[.·…]){3,}\s*")
# An entry's title may wrap over this many lines before the one ending in its page number.
CONTENTS_WRAPPED_LINES = 2


def remove_running_lines(pages: list[list[Line]]) -> None:
    """Drop page numbers and lines repeated at the top or bottom of several pages, in place.

    A running line may end with the current chapter ("CECOP | Activity Report 2024 The
    network"): a short edge line counts as repeated when its first words are.
    """
    repeats = Counter()
    for lines in pages:
        edge = [line for line in lines if line.at_edge]
        repeats.update({_running_key(line.text) for line in edge})
        repeats.update({_running_prefix(line.text) for line in edge} - {None})
    threshold = 2 if sum(1 for lines in pages if lines) <= 4 else 3
    for lines in pages:
        lines[:] = [
            line for line in lines
            if not line.at_edge or not (
                repeats[_running_key(line.text)] >= threshold
                or repeats[_running_prefix(line.text)] >= threshold
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
    """Return the indexes of the longest run of contents entries ending in rising numbers.

    An entry is a line ending in a page number, with the lines its title wraps over before
    it ("Framework conditions for industry and service" then "cooperatives at the centre of
    the Social Economy Action Plan . . . 12").
    """
    best: list[int] = []
    run: list[int] = []
    wrapped: list[int] = []
    last = 0
    for index, line in enumerate(lines):
        match = CONTENTS_ENTRY.match(DOT_LEADER.sub(" … ", line.text))
        if not match:
            if run and len(wrapped) < CONTENTS_WRAPPED_LINES:
                wrapped.append(index)
            else:
                run, wrapped = [], []
            continue
        number = int(match.group(1))
        run = [*run, *wrapped, index] if run and number >= last else [index]
        wrapped, last = [], number
        if len(run) > len(best):
            best = list(run)
    return best


def _running_key(text: str) -> str:
    """Return a line's text in lower case with numbers replaced, to spot running lines."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def _running_prefix(text: str) -> str | None:
    """Return the first words of a short line that has more after them, else None."""
    if len(text) > RUNNING_LINE_LENGTH:
        return None
    words = _running_key(text).split()
    if len(words) <= RUNNING_PREFIX_WORDS:
        return None
    return "prefix:" + " ".join(words[:RUNNING_PREFIX_WORDS])
