"""Join a PDF's lines into heading and paragraph blocks.

Wrapped lines are joined into paragraphs (also across page and column breaks), words
hyphenated at a line end are rejoined, list items and runs of short lines (credits, name
cards, agendas) keep their line breaks, and each block remembers the pages its text sits on.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from ingest.document import HEADING, Block

BULLET = re.compile(r"^(?:[•◦▪▫●○■□‣⁃∙·*–—-]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
TERMINAL_PUNCTUATION = ".!?:;"
HYPHENS = "-\u00ad\u2010\u2011"
DASHES = "–—-"
LABEL_WORDS = 4  # a line of this many words or fewer may be a label
WRAPPED_LINE = 0.8  # a line this long against its column's full line was wrapped
SET_APART = 1.08  # a line gap this many times the usual one starts a line of its own
# A credit, card or agenda line is short; a longer line that stops short of the page's full
# width is a line of a narrower column, wrapped.
RUN_LINE_WORDS = 7
# Words a wrapped line may end with and a line of its own does not.
FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from by with and or as that which its their our his her".split()
)
# Lines of one column on a page needed to measure its full line length.
COLUMN_LINES = 8
Layout = dict  # font size, or (page, x, font size) of a column -> (line spacing, full length)
OPENING_QUOTES = "\"'“‘«"
PULL_QUOTE_WORDS = 6
SENTENCE_END = ".!?…"
COMPOUND_PREFIXES = {"self", "non", "co", "ex", "cross", "socio", "semi", "anti", "well"}


@dataclass
class Line:
    """One line of text on a page, with the font it is mostly set in."""

    text: str
    page: int
    x: float | None  # distance of the line's start from the page's left edge, if known
    y: float | None  # height of the baseline above the page's bottom edge, if known
    size: float  # effective font size in points, 0 if unknown
    bold: bool
    at_edge: bool = False  # in the top or bottom strip where running headers and footers go
    heading_level: int = 0


def build_blocks(lines: list[Line], words: set[str] = frozenset()) -> list[Block]:
    """Return heading and paragraph blocks, joining wrapped lines and paragraphs split by a page.

    ``words`` are the document's words in lower case: a word hyphenated at a line end
    before a capital ("CE-" / "COP") is one word when the document uses it whole.
    """
    layout = _body_layout(lines)
    blocks: list[Block] = []
    first = previous = lines[0]
    for line in lines:
        if blocks and _continues(first, previous, line, layout):
            own_line = (
                _is_item(first, previous, line, layout)
                or _short_line_run(previous, line, layout)
                or _set_apart(previous, line, layout)
            )
            _append_line(blocks[-1], line, own_line, words)
        else:
            kind = HEADING if line.heading_level else "paragraph"
            blocks.append(Block(line.text, kind, line.heading_level, [(0, line.page)]))
            first = line
        previous = line
    return blocks


def without_pull_quotes(blocks: list[Block]) -> list[Block]:
    """Drop pull quotes: quoted paragraphs, or sentences set as large as headings, repeating
    words the document's text states.

    A designed report sets a sentence of its text large, between quotation marks or not;
    kept, it would be found twice and split the passage it interrupts, and as a heading it
    would name the section of the passages after it.
    """
    whole = "\n".join(_plain(block.text) for block in blocks)  # no line breaks inside

    def repeated_quote(block: Block) -> bool:
        quoted = _plain(block.text)
        if block.kind == HEADING:
            set_apart = block.text.rstrip()[-1:] in SENTENCE_END
        else:
            set_apart = block.text.lstrip()[:1] in OPENING_QUOTES
        return set_apart and len(quoted.split()) >= PULL_QUOTE_WORDS and whole.count(quoted) > 1

    return [block for block in blocks if not repeated_quote(block)]


def _plain(text: str) -> str:
    """Return text in lower case without quotation marks, final stops or line breaks."""
    return " ".join(text.lower().strip(" \n\"'“”‘’.!?…").split())


def _continues(first: Line, previous: Line, line: Line, layout: Layout) -> bool:
    """Return whether ``line`` carries on the block that started with ``first``."""
    if previous.heading_level != line.heading_level or abs(previous.size - line.size) > 1:
        return False
    if line.heading_level:
        close = line.y is None or previous.y is None or 0 < previous.y - line.y <= 1.6 * line.size
        return line.page == previous.page and close and previous.bold == line.bold
    in_list, is_item = bool(BULLET.match(first.text)), _is_item(first, previous, line, layout)
    if is_item and not in_list:
        return False
    if in_list and not is_item and _left_of(line, first):
        return False  # text back at the margin after a list starts a new paragraph
    ends_sentence = previous.text[-1] in TERMINAL_PUNCTUATION
    if line.page != previous.page:
        carries_on = not ends_sentence or line.text[0].islower() or (in_list and is_item)
        return line.page == previous.page + 1 and carries_on
    spacing, full_length = _measures(layout, previous)
    if ends_sentence and not is_item and len(previous.text) < 0.7 * full_length:
        return False
    if previous.y is not None and line.y is not None:
        gap = previous.y - line.y
        if gap < 0 and _left_of(previous, line):  # up and right: on into the next column?
            return not ends_sentence and line.x > previous.x + 50 and not _label(previous, line)
        return 0 < gap <= spacing * 1.3
    return True


def _is_item(first: Line, previous: Line, line: Line, layout: Layout) -> bool:
    """Return whether a line is a list item: it starts with a bullet, a number or a dash.

    A dash after a full line of a paragraph that stops mid-sentence carries the sentence on
    ("priorities for the 2024" / "– 2029 term", "the social economy" / "– an action plan").
    """
    if not BULLET.match(line.text):
        return False
    if line.text[0] not in DASHES or BULLET.match(first.text):
        return True
    return not _wrapped(previous, layout) or previous.text[-1] in TERMINAL_PUNCTUATION + ","


def _label(previous: Line, line: Line) -> bool:
    """Return whether a line of a few words and the next one read as labels, not a sentence.

    A name card's "Confcooperative, Italy" or a figure's "Events" is followed by the next
    card's "VICE PRESIDENT" or figure: a line of words stopping short of a sentence.
    """
    words = previous.text.split()
    return (
        len(words) <= LABEL_WORDS
        and previous.text[-1] not in HYPHENS
        and words[-1].lower() not in FUNCTION_WORDS
        and line.text[0].isupper()
    )


def _wrapped(line: Line, layout: Layout) -> bool:
    """Return whether a line runs (nearly) the full length of its column: a wrapped line."""
    full_length = _measures(layout, line)[1]
    return full_length > 0 and len(line.text) >= WRAPPED_LINE * full_length


def _short_line_run(previous: Line, line: Line, layout: Layout) -> bool:
    """Return whether two lines are items of a run of short lines (credits, cards, agendas).

    A line of a few words that stops well short of the column without closing a sentence,
    followed by one that starts with a capital, is a line of its own, not a wrapped part of a
    paragraph.
    """
    full_length = _measures(layout, previous)[1]
    words = previous.text.split()
    return (
        full_length > 0
        and not line.heading_level
        and len(previous.text) < 0.5 * full_length
        and previous.text[-1] not in TERMINAL_PUNCTUATION + "," + HYPHENS
        and line.text[0].isupper()
        # a line of a narrow column wraps mid-sentence: "we met the Club in" / "Brussels"
        and len(words) <= RUN_LINE_WORDS
        and words[-1].lower() not in FUNCTION_WORDS
    )


def _set_apart(previous: Line, line: Line, layout: Layout) -> bool:
    """Return whether a line sits clearly further below the previous one than wrapped lines do.

    Lines of a paragraph are set at one leading; extra space before a line marks a new item
    (an agenda or calendar entry drawn with a graphic bullet), so its line break is kept. A
    line starting in lower case carries on the words above it whatever the spacing.
    """
    if previous.y is None or line.y is None or previous.page != line.page:
        return False
    spacing, full_length = layout.get(line.size, (0, 0))
    if not full_length or line.text[0].islower():
        return False  # a size too rare to know its leading, or words carrying on
    return previous.y - line.y > spacing * SET_APART


def _left_of(line: Line, other: Line) -> bool:
    """Return whether ``line`` starts clearly further left than ``other``."""
    return line.x is not None and other.x is not None and line.x < other.x - 2


def _append_line(
    block: Block, line: Line, own_line: bool = False, words: set[str] = frozenset()
) -> None:
    """Append a line to a block, joining a word hyphenated at the line end; record its page.

    List items and lines of a short-line run (``own_line``) keep their line break, which the
    sentence splitter treats as a boundary.
    """
    text = block.text
    hyphenated = re.search(r"(\w+)[" + HYPHENS + r"]$", text)
    prefix = hyphenated.group(1).lower() if hyphenated else ""
    rest = re.match(r"\w+", line.text)
    whole = prefix + rest.group().lower() if hyphenated and rest else ""
    broken = hyphenated and line.text[0].islower() and prefix not in COMPOUND_PREFIXES
    if broken or whole in words:
        head, separator = text[:-1], ""  # "coopera-" + "tive" -> "cooperative", "CE-" + "COP"
    elif hyphenated:
        head, separator = text.rstrip("\u00ad"), ""  # "self-" + "employed", "Franco-" + "German"
    else:
        head, separator = text, "\n" if own_line else " "
    block.text = head + separator + line.text
    if block.pages[-1][1] != line.page:
        block.pages.append((len(head) + len(separator), line.page))


def _body_layout(lines: list[Line]) -> Layout:
    """Return, per font size, the usual distance between lines and the length of a full line.

    A full line is measured per column too (lines of one size starting at one place on a
    page), so the lines of a narrow column are compared with that column's width, not with
    the page's, even where full-width lines above start at the same place.
    """
    gaps: dict[float, list[float]] = {}
    lengths: dict[float, list[int]] = {}
    columns: dict[tuple, list[int]] = {}
    for previous, line in zip(lines, lines[1:], strict=False):
        if line.heading_level or BULLET.match(line.text):
            continue
        lengths.setdefault(line.size, []).append(len(line.text))
        if line.x is not None:
            columns.setdefault(_column(line), []).append(len(line.text))
        if previous.size == line.size and previous.page == line.page and previous.y and line.y:
            if 0 < previous.y - line.y < line.size * 3:
                gaps.setdefault(line.size, []).append(previous.y - line.y)
    layout: Layout = {}
    for size, values in lengths.items():
        # the lower quartile: where items are set apart, most gaps may be the wider ones
        spacing = _lower_quartile(gaps[size]) if size in gaps else size * 1.2
        layout[size] = (spacing, _full_length(values))
    for column, values in columns.items():
        if len(values) >= COLUMN_LINES:  # the median: most lines of a column are full ones
            layout[column] = (layout[column[2]][0], int(statistics.median(values)))
    return layout


def _lower_quartile(values: list[float]) -> float:
    return sorted(values)[len(values) // 4]


def _column(line: Line) -> tuple:
    return (line.page, round(line.x or 0), line.size)


def _full_length(values: list[int]) -> int:
    return sorted(values)[int(len(values) * 0.9)] if len(values) >= 5 else 0


def _measures(layout: Layout, line: Line) -> tuple[float, int]:
    """Return the line spacing and full line length of the column a line sits in."""
    by_size = layout.get(line.size, (line.size * 1.2, 0))
    return layout.get(_column(line), by_size) if line.x is not None else by_size
