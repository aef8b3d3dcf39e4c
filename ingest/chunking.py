"""Structure-aware chunking: passages cut at headings, paragraphs and sentences.

Each passage is a contiguous slice of the document's text (``char_start:char_end``) that
starts and ends on a sentence boundary, carries its section path and real page range, and
fits the embedding model's window together with its title/section prefix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.document import BLOCK_SEPARATOR, HEADING, ParsedDocument
from kb.records import ChunkRecord
from kb.sentences import is_key_figure, split_sentences

SECTION_SEPARATOR = " > "
# A line of at most this many words without punctuation, right before a heading, is a label
# for it ("VICE PRESIDENT-TREASURER" above a name card) and moves with it.
LABEL_WORDS = 6
# At most this many label lines introduce what follows: a role, or initials and a role.
MAX_LABEL_LINES = 2
TokenCounter = Callable[[list[str]], list[int]]


@dataclass(frozen=True)
class ChunkingOptions:
    target_tokens: int = 160
    overlap_tokens: int = 32
    min_tokens: int = 48
    prefix_max_tokens: int = 40
    window_tokens: int = 254  # the model's window less its special tokens


@dataclass
class _Unit:
    """A sentence (or a heading) located in the document text."""

    start: int
    end: int
    block: int
    section: str
    tokens: int = 0
    heading: bool = False
    paragraph_start: bool = False
    level: int = 0
    label: bool = False  # a short line without final punctuation ("VICE PRESIDENT")
    figure: bool = False  # a key figure on a line of its own ("23,000"), labelled below
    glyph: bool = False  # a line without letters or digits ("●")


def section_units(doc: ParsedDocument) -> tuple[list[_Unit], list[int]]:
    """Split a document into sentence and heading units; return them and block offsets."""
    units: list[_Unit] = []
    offsets: list[int] = []
    stack: list[tuple[int, str]] = []
    title = (doc.title or "").strip().lower()
    cursor = 0
    for index, block in enumerate(doc.blocks):
        offsets.append(cursor)
        if block.kind == HEADING:
            level = block.level or 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            text = " ".join(block.text.split())
            if stack or not _names_title(text, title):
                stack.append((level, text))
            section = SECTION_SEPARATOR.join(t for _, t in stack)
            units.append(
                _Unit(cursor, cursor + len(block.text), index, section, heading=True, level=level)
            )
        else:
            section = SECTION_SEPARATOR.join(t for _, t in stack)
            spans = split_sentences(block.text)
            if index + 1 < len(doc.blocks) and doc.blocks[index + 1].kind == HEADING:
                spans = _split_trailing_label(block.text, spans)
            for n, (s, e) in enumerate(spans):
                unit = _Unit(cursor + s, cursor + e, index, section, paragraph_start=n == 0)
                # "Legacoop Produzione e Servizi," / "Italy": a wrapped line ends its sentence
                carried_on = n > 0 and block.text[:s].rstrip().endswith(",")
                unit.label = _is_label(block.text[s:e]) and not carried_on
                unit.figure = is_key_figure(block.text[s:e])
                unit.glyph = not any(ch.isalnum() for ch in block.text[s:e])
                units.append(unit)
        cursor += len(block.text) + len(BLOCK_SEPARATOR)
    return units, offsets


# A role set in capitals at the end of a line, right before a heading: on a page of name
# cards side by side, "Legacoop, Italy VICE PRESIDENT-TREASURER" ends one card and labels the
# next, whose name is the heading.
TRAILING_LABEL = re.compile(r"(?<=[a-z,)] )(?:[A-Z][A-Z'’&-]*[A-Z]\b[ ]?){2,}$")


def _split_trailing_label(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut a block's last sentence before a run of capitals ending it, so the run is a label."""
    if not spans:
        return spans
    start, end = spans[-1]
    match = TRAILING_LABEL.search(text[start:end])
    if match is None or match.start() == 0:
        return spans
    cut = start + match.start()
    return [*spans[:-1], (start, cut - 1), (cut, end)]


def _names_title(heading: str, title: str) -> bool:
    """Return whether a heading is the document's title, or its start ("Activity Report")."""
    heading = heading.lower()
    return bool(title) and (heading == title or title.startswith(heading + " "))


def _is_label(sentence: str) -> bool:
    """Return whether a sentence is a short label line that introduces what follows."""
    return (
        len(sentence.split()) <= LABEL_WORDS
        and sentence.rstrip()[-1:] not in ".!?;:"
        # "Giuseppe Guerini, President" signs off what precedes; "23,000" is a key figure
        # and "FOLLOWERS, 2021-2024" the caption of the chart below it
        and ("," not in sentence or any(ch.isdigit() for ch in sentence.rsplit(",", 1)[1]))
    )


def _split_long(unit: _Unit, text: str, budget: int, count: TokenCounter) -> list[_Unit]:
    """Cut a sentence longer than the budget at word boundaries."""
    words = []
    position = unit.start
    for word in text[unit.start : unit.end].split():
        found = text.index(word, position)
        words.append((found, found + len(word)))
        position = found + len(word)
    word_tokens = count([text[s:e] for s, e in words])
    pieces, piece_start, used = [], 0, 0
    for i, tokens in enumerate(word_tokens):
        if used + tokens > budget and i > piece_start:
            pieces.append((piece_start, i - 1, used))
            piece_start, used = i, 0
        used += tokens
    pieces.append((piece_start, len(words) - 1, used))
    return [
        _Unit(
            words[a][0], words[b][1], unit.block, unit.section, tokens, False, unit.paragraph_start
        )
        for a, b, tokens in pieces
    ]


def _pack(units: list[_Unit], options: ChunkingOptions, budget: int) -> list[list[_Unit]]:
    """Group units into passages near the target size, with a sentence overlap.

    Headings stay in the text (a run of short headings, such as name cards, is content too).
    A section starts a new passage once the current one is big enough; a short section at
    the end of a top-level section is added to the passage before it when that one has room.
    """
    target = min(options.target_tokens, budget)
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    size = 0

    def close(overlap: bool) -> None:
        nonlocal current, size
        if current:
            groups.append(current)
        carried: list[_Unit] = []
        body = [u for u in current if not u.heading]
        if overlap and len(body) > 1:
            used = 0
            for unit in reversed(body[1:]):
                if used + unit.tokens > options.overlap_tokens:
                    break
                carried.insert(0, unit)
                used += unit.tokens
        current, size = carried, sum(u.tokens for u in carried)

    for unit in units:
        if unit.heading and current:
            if size >= options.min_tokens:
                label = _lone_label(current)
                size -= _size(label)
                close(overlap=False)
                if label:
                    current, size = label, _size(label)
            elif groups:
                # a short tail joins the passage before it; the last card of "Our Board" does
                # not open "Our Staff"
                ends_section = _closes_enclosing_section(current, unit)
                if (unit.level <= 1 or ends_section) and _size(groups[-1]) + size <= target:
                    groups[-1].extend(current)
                    current, size = [], 0
                elif ends_section:
                    close(overlap=False)
        fits = size + unit.tokens <= target
        paragraph_break = unit.paragraph_start and size >= 0.75 * target
        if current and (not fits or paragraph_break) and size >= options.min_tokens // 2:
            # a label or key figure ("23,000") goes with the line it introduces ("page views")
            carried = _carries_label(current, unit)
            label = (_lone_label(current) or _trailing_label(current)) if carried else []
            size -= _size(label)
            close(overlap=not unit.paragraph_start and not unit.heading)
            if label:
                current, size = label, _size(label)
            while current and size + unit.tokens > budget:
                current.pop(0)
                size = sum(u.tokens for u in current)
        elif current and size + unit.tokens > budget:
            close(overlap=False)
        current.append(unit)
        size += unit.tokens
    close(overlap=False)
    return groups


def _closes_enclosing_section(current: list[_Unit], heading: _Unit) -> bool:
    """Return whether a heading ends the section that holds the passage's last lines and the
    section around it: "Our Staff" after the cards under "Our Board", each card's name a
    heading of its own, while the next card's name only ends the card before it."""
    body = [u for u in current if not u.heading]
    return bool(body) and _depth(heading.section) < _depth(body[-1].section)


def _depth(section: str) -> int:
    return len(section.split(SECTION_SEPARATOR)) if section else 0


def _ends_with_lone_label(current: list[_Unit]) -> bool:
    """Return whether a passage ends with a label after prose.

    The label is one line ("VICE PRESIDENT"), or two where a card sets an avatar's initials
    above the role ("AD" / "Vice President-Treasurer"), after a line that is neither a label
    nor a heading. It introduces the next section; a longer run of labels (name cards, key
    figures and their labels) is content of its own and stays together. A bullet glyph on a
    line of its own ("●" before a card's role) does not count.
    """
    lines = [u for u in current if not u.glyph]
    run = _label_lines(lines)
    return 0 < run <= MAX_LABEL_LINES and len(lines) > run and not lines[-run - 1].heading


def _label_lines(lines: list[_Unit]) -> int:
    """Return how many label lines end the passage."""
    run = 0
    while run < len(lines) and lines[-run - 1].label:
        run += 1
    return run


def _trailing_label(current: list[_Unit], labels: int = 1) -> list[_Unit]:
    """Remove and return a passage's last ``labels`` lines with the glyph lines among them
    and right before them."""
    start = len(current)
    while start > 0 and (labels or current[start - 1].glyph):
        labels -= not current[start - 1].glyph
        start -= 1
    moved = current[start:]
    del current[start:]
    return moved


def _lone_label(current: list[_Unit]) -> list[_Unit]:
    """Remove and return the label lines ending a passage after prose (see above), if any."""
    if not _ends_with_lone_label(current):
        return []
    return _trailing_label(current, _label_lines([u for u in current if not u.glyph]))


def _carries_label(current: list[_Unit], following: _Unit) -> bool:
    """Return whether the passage being closed ends with a label of the paragraph that follows.

    A lone label after prose, or a key figure whose label is the next line, goes with what
    follows; the last line of a run of credits ("Design: Colectivo Verbena") stays.
    """
    return following.paragraph_start and (
        _ends_with_lone_label(current) or (len(current) > 1 and current[-1].figure)
    )


def _size(group: list[_Unit]) -> int:
    return sum(u.tokens for u in group)


def _prefix(title: str, section: str, options: ChunkingOptions, count: TokenCounter) -> str:
    prefix = title + (SECTION_SEPARATOR + section if section else "")
    while count([prefix])[0] > options.prefix_max_tokens and SECTION_SEPARATOR in prefix:
        head, _, rest = prefix.partition(SECTION_SEPARATOR)
        prefix = rest if SECTION_SEPARATOR in rest else head
    if count([prefix])[0] > options.prefix_max_tokens:
        prefix = " ".join(prefix.split()[: options.prefix_max_tokens // 2])
    return prefix


def chunk_document(
    doc: ParsedDocument, count: TokenCounter, options: ChunkingOptions | None = None
) -> list[ChunkRecord]:
    """Cut a parsed document into passages that fit the model's window."""
    options = options or ChunkingOptions()
    text = doc.text
    title = doc.title or ""
    units, offsets = section_units(doc)
    for unit, tokens in zip(units, count([text[u.start : u.end] for u in units]), strict=True):
        unit.tokens = tokens
    title_prefix = _prefix(title, "", options, count)
    reserve = options.prefix_max_tokens + 2
    budget = options.window_tokens - reserve
    sized: list[_Unit] = []
    for unit in units:
        if unit.tokens > budget and not unit.heading:
            sized.extend(_split_long(unit, text, budget, count))
        elif not unit.heading or unit.tokens <= budget:
            sized.append(unit)
    chunks = []
    for ordinal, group in enumerate(_pack(sized, options, budget)):
        body = [u for u in group if not u.heading] or group
        start, end = group[0].start, group[-1].end
        section = _main_section(body)
        prefix = _prefix(title, section, options, count) if section else title_prefix
        page_start, page_end = _pages(doc, offsets, group)
        chunks.append(
            ChunkRecord(
                ordinal=ordinal,
                text=text[start:end],
                section=section,
                char_start=start,
                char_end=end,
                token_count=sum(u.tokens for u in group),
                page_start=page_start,
                page_end=page_end,
                embed_text=f"{prefix}\n{text[start:end]}" if prefix else text[start:end],
            )
        )
    _check_window(chunks, count, options.window_tokens, doc.source)
    return chunks


def _main_section(body: list[_Unit]) -> str:
    """Return the section holding most of a passage's tokens (first one on ties)."""
    weight: dict[str, int] = {}
    for unit in body:
        weight[unit.section] = weight.get(unit.section, 0) + max(unit.tokens, 1)
    return max(weight, key=lambda section: weight[section])


def _pages(doc: ParsedDocument, offsets: list[int], group: list[_Unit]) -> tuple:
    """Return the first and last page the group's text sits on."""
    pages = []
    for unit in group:
        block = doc.blocks[unit.block]
        first, last = block.pages_of(
            unit.start - offsets[unit.block], unit.end - offsets[unit.block]
        )
        if first is not None:
            pages.extend((first, last))
    return (min(pages), max(pages)) if pages else (None, None)


def _check_window(chunks: list[ChunkRecord], count: TokenCounter, window: int, source: str) -> None:
    """Fail loudly rather than let the model silently cut an embedded passage."""
    for chunk, tokens in zip(chunks, count([c.embed_text for c in chunks]), strict=True):
        if tokens > window:
            raise ValueError(
                f"{source}: passage {chunk.ordinal} has {tokens} tokens, over the model's "
                f"window of {window}"
            )
