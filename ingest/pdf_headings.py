"""Tell a PDF's headings from its text, and rank them into levels.

Headings are told apart by font size and weight where the document varies them, else by
their form (short, unpunctuated, numbered or in title case). Large figures and lead
paragraphs set large are not headings.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.pdf_paragraphs import BULLET, FUNCTION_WORDS, HYPHENS, TERMINAL_PUNCTUATION, Line

NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+\S")
FIGURE = re.compile(  # a number set large in an infographic: "7,300 Users", "95%", "3411"
    r"^[€$£]?(?:\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?\s?%"
    r"|(?!(?:19|20)\d\d(?!\d))\d{3,}(?!\d))"
)
HEADING_WORDS = 30  # a run of large text longer than this is a lead paragraph
SENTENCE_BREAK = re.compile(r"[a-z]{3}[.!?]\s+[A-Z]")  # two sentences: prose, not a heading
CLOSING = "\"'”’)]"
# A line this close under the one before it (in line heights) is on the same leading.
SAME_LEADING = 1.6
LEAD_IN_WORDS = 6  # bold lines of this many words running on into the text are its lead-in


def classify_headings(lines: list[Line]) -> None:
    """Set ``heading_level`` (1-3) on heading lines: by font size and weight, else by form.

    Levels rank heading styles (larger first, bold before regular) seen after the cover page,
    so a cover title larger than any section heading is level 1 like the top sections. Large
    figures ("7,300 users", "95%") and lead paragraphs set large are not headings, and their
    styles do not push the section headings down a level.
    """
    sizes = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    has_bold = any(line.bold for line in lines) and not all(line.bold for line in lines)
    if len(sizes) == 1 and not has_bold:
        _classify_headings_by_form(lines)
        return
    prose = _prose_lines(lines)
    candidates = [
        line for index, line in enumerate(lines)
        if index not in prose and looks_like_heading_text(line.text)
        and not FIGURE.match(line.text) and (
            line.size >= body_size * 1.12
            or (line.bold and has_bold and line.size >= body_size * 0.9)
        )
    ]  # fmt: skip
    candidates = _without_inline_bold(lines, candidates, body_size)
    candidates = _without_bold_lead_ins(lines, candidates, body_size)
    ranked_styles = _ranked_styles(lines, candidates)
    for line in candidates:
        bigger = sum(1 for style in ranked_styles if style > _style(line))
        line.heading_level = min(1 + bigger, 3)
    _continue_headings(lines, prose)


def _style(line: Line) -> tuple[float, bool]:
    return (line.size, line.bold)


def _ranked_styles(lines: list[Line], candidates: list[Line]) -> set[tuple[float, bool]]:
    """Return the heading styles that rank levels: those used on two pages or more.

    The cover and back cover do not count. A style found on one page only (a chapter divider
    set larger than the other chapters) takes the level of the styles it is larger than, so
    it does not push every later chapter a level down.
    """
    pages = {line.page for line in lines}
    covers = {min(pages), max(pages)} if len(pages) > 2 else {min(pages)}
    inside = [line for line in candidates if line.page not in covers] or candidates
    style_pages: dict[tuple[float, bool], set[int]] = {}
    for line in inside:
        style_pages.setdefault(_style(line), set()).add(line.page)
    repeated = {style for style, found in style_pages.items() if len(found) > 1}
    return repeated or set(style_pages)


def _continue_headings(lines: list[Line], prose: set[int]) -> None:
    """Give a heading's short last line its level, even a bare year ("Our work in" / "2024")."""
    for index in range(1, len(lines)):
        previous, line = lines[index - 1], lines[index]
        if (
            previous.heading_level
            and not line.heading_level
            and index not in prose
            and _same_run(previous, line)
            and len(line.text.split()) <= 3
            and line.text[-1] not in ".,;"
        ):
            line.heading_level = previous.heading_level


def _without_inline_bold(lines: list[Line], candidates: list[Line], body_size: float) -> list:
    """Drop bold lines set at the body size that carry on a sentence of the text around them.

    A title in bold within a paragraph ("at the conference on" / "**Affordable long-term
    care:**") fills a line of its own in a narrow column; it is not a heading when a text
    line runs on into it at the paragraph's leading, or when it ends on a word such as "the"
    and the text under it is not more of the heading.
    """
    chosen = {id(line) for line in candidates}
    for index, line in enumerate(lines):
        if id(line) not in chosen or line.size >= body_size * 1.12:
            continue
        previous = lines[index - 1] if index else None
        following = lines[index + 1] if index + 1 < len(lines) else None
        carried = previous is not None and id(previous) not in chosen and _runs_into(previous, line)
        open_end = line.text.split()[-1].lower() in FUNCTION_WORDS and not (
            following is not None
            and id(following) in chosen
            and (following.size, following.bold) == (line.size, line.bold)
        )
        if carried or open_end:
            chosen.discard(id(line))
    return [line for line in candidates if id(line) in chosen]


def _without_bold_lead_ins(lines: list[Line], candidates: list[Line], body_size: float) -> list:
    """Drop bold lines at the body size that open a paragraph running on under them.

    A list of publications or events often sets each item's first line in bold ("The
    Manifesto: In the context of the European Elec-" / "tions, members agreed ..."). The bold
    lines are the item's opening words, not a heading, when the text under them carries on
    their sentence in lower case at their leading, and they end with a broken word or hold
    too many words to be a title. A name card's name over "workers.coop" stays a heading.
    """
    chosen = {id(line) for line in candidates}
    start = 0
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if id(line) not in chosen or line.size >= body_size * 1.12:
            start = index + 1
            continue
        if following is not None and id(following) in chosen and _same_run(line, following):
            continue  # the bold run goes on
        run = lines[start : index + 1]
        words = sum(len(run_line.text.split()) for run_line in run)
        if (
            following is not None
            and following.text[:1].islower()
            and _runs_into(line, following)
            and (line.text[-1] in HYPHENS or words >= LEAD_IN_WORDS)
        ):
            chosen.difference_update(id(run_line) for run_line in run)
        start = index + 1
    return [line for line in candidates if id(line) in chosen]


def _runs_into(previous: Line, line: Line) -> bool:
    """Return whether a text line runs on into ``line``, set at its size and leading."""
    if previous.page != line.page or abs(previous.size - line.size) > 0.5:
        return False
    if previous.text[-1] in TERMINAL_PUNCTUATION or BULLET.match(previous.text):
        return False
    if previous.y is None or line.y is None:
        return False
    return 0 < previous.y - line.y <= SAME_LEADING * line.size


def _prose_lines(lines: list[Line]) -> set[int]:
    """Return the indexes of lines in runs of one style that read as prose, not a heading.

    A run is consecutive lines of one page in one font size and weight, each at most two
    lines' height below the last; it is prose when it holds two sentences or many words.
    """
    prose: set[int] = set()
    start = 0
    for index in range(1, len(lines) + 1):
        previous = lines[index - 1]
        line = lines[index] if index < len(lines) else None
        if line is not None and _same_run(previous, line):
            continue
        text = " ".join(run_line.text for run_line in lines[start:index])
        quoted_sentence = text.rstrip(CLOSING).endswith(".")  # a pull quote
        if len(text.split()) > HEADING_WORDS or SENTENCE_BREAK.search(text) or quoted_sentence:
            prose.update(range(start, index))
        start = index
    return prose


def _same_run(previous: Line, line: Line) -> bool:
    """Return whether ``line`` is set like ``previous`` and right under it."""
    if (line.page, line.size, line.bold) != (previous.page, previous.size, previous.bold):
        return False
    if line.y is None or previous.y is None:
        return True
    return 0 < previous.y - line.y <= 2 * line.size


def _classify_headings_by_form(lines: list[Line]) -> None:
    """Mark short, unpunctuated Title Case or numbered lines followed by body text as headings."""
    for index, line in enumerate(lines):
        after = lines[index + 1] if index + 1 < len(lines) else None
        before = lines[index - 1] if index else None
        if not looks_like_heading_text(line.text) or len(line.text) > 80 or after is None:
            continue
        starts_block = (
            before is None or before.page != line.page or (before.text[-1] in TERMINAL_PUNCTUATION)
        )
        numbered = NUMBERED_HEADING.match(line.text)
        words = [word for word in line.text.split() if len(word) > 3 and word[0].isalpha()]
        title_case = words and sum(word[0].isupper() for word in words) >= 0.6 * len(words)
        if starts_block and len(after.text) > len(line.text) and (numbered or title_case):
            line.heading_level = min(numbered.group(1).count(".") + 1, 3) if numbered else 1


def looks_like_heading_text(text: str) -> bool:
    """Return whether a line's wording could be a heading: short, lettered, unpunctuated."""
    letters = sum(char.isalpha() for char in text)
    return (
        letters >= 3 and len(text) <= 150 and len(text.split()) <= 20
        and text[-1] not in ".,;" and (NUMBERED_HEADING.match(text) or not BULLET.match(text))
    )  # fmt: skip
