"""Load plain-text and markdown files into heading and paragraph blocks."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.dates import find_date, normalize_date
from ingest.document import HEADING, Block, ParsedDocument
from ingest.errors import LoadError
from ingest.language import detect_language, normalize_language_tag

MARKDOWN_SUFFIXES = {".md", ".markdown"}
DATE_SEARCH_LINES = 10  # a date is looked for in this many first lines...
DATE_LINE_LENGTH = 160  # ...of at most this length, so that body prose does not count
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
CAPS_HEADING = re.compile(r"^(?=.*[^\W\d_]{3})[^a-z]{3,120}(?<![.,;:])$")
NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+[^\W\d_][^.;:]{0,60}$")
GENERIC_LABEL = re.compile(
    r"^(?:(?:press release|news release|communiqué de presse|comunicato stampa|nota de prensa|"
    r"pressemitteilung|comunicado de imprensa)\W*$|for immediate release|embargo)",
    re.I,
)
TABLE_ROW = re.compile(r"^[^|]*(?: \| [^|]*)+$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
INLINE_REPLACEMENTS = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref] -> text
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # <https://...> -> url
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
]


def load_text_file(path: Path, *, source: str | None = None) -> ParsedDocument:
    """Load ``path`` as markdown when its suffix says so, else as plain text."""
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return load_markdown(path, source=source)
    return load_text(path, source=source)


def load_text(path: Path, *, source: str | None = None) -> ParsedDocument:
    """Load a plain-text file: paragraphs split at blank lines, list-like lines kept as lines.

    Lines of a hard-wrapped file are joined; otherwise each line break is kept. A short
    ALL-CAPS line opening a paragraph, a line underlined with ``===``/``---`` and a short
    numbered line standing alone ("2. Budget outline") become headings. The title is the
    first line that is not a label like "PRESS RELEASE" or "For immediate release". Raises
    LoadError "file is empty" for an empty or blank file and "not a text file (binary data)"
    for a file that is not text.
    """
    source = source or str(path)
    text, warnings = read_text(path, source)
    blocks = parse_plain_blocks(text)
    return ParsedDocument(
        source=source,
        media_type="text",
        blocks=blocks,
        title=plain_title(text),
        date=find_date(_opening_lines(text)),
        language=detect_language(text),
        warnings=warnings,
    )


def load_markdown(path: Path, *, source: str | None = None) -> ParsedDocument:
    """Load a markdown file: ``#`` headings as heading blocks, inline markup stripped.

    Front matter between ``---`` lines may set ``title``, ``date`` and ``language`` (or
    ``lang``); its other keys are ignored. Without them the title is the first level-1 heading
    (else the first line) and the date is the first one written in the first lines. Raises
    LoadError like ``load_text``, and "no readable text" when only front matter is present.
    """
    source = source or str(path)
    text, warnings = read_text(path, source)
    front_matter, body = split_front_matter(text)
    blocks = parse_markdown_blocks(body)
    if not blocks:
        raise LoadError(source, "no readable text")
    first_heading = next((b.text for b in blocks if b.kind == HEADING and b.level == 1), None)
    language = front_matter.get("language") or front_matter.get("lang")
    return ParsedDocument(
        source=source,
        media_type="markdown",
        blocks=blocks,
        title=front_matter.get("title") or first_heading or _first_line(blocks),
        date=normalize_date(front_matter.get("date")) or find_date(_opening_lines(body)),
        language=normalize_language_tag(language) or detect_language(body),
        warnings=warnings,
    )


def read_text(path: Path, source: str) -> tuple[str, list[str]]:
    """Return the decoded text of ``path`` and any decoding warnings, or raise LoadError."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LoadError(source, f"cannot read file: {error.strerror or error}") from error
    if not data.strip():
        raise LoadError(source, "file is empty")
    if b"\x00" in data:
        raise LoadError(source, "not a text file (binary data)")
    try:
        text, warnings = data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings = ["file is not valid UTF-8; decoded as Windows-1252"]
    if len(CONTROL_CHARACTERS.findall(text)) > max(2, len(text) // 100) or "\ufffd" * 3 in text:
        raise LoadError(source, "not a text file (binary data)")
    if not text.strip():
        raise LoadError(source, "file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


def parse_plain_blocks(text: str) -> list[Block]:
    """Return the heading and paragraph blocks of plain text."""
    all_lines = [line.strip() for line in text.splitlines() if line.strip()]
    long_lines = sum(len(line) >= 55 for line in all_lines)
    hard_wrapped = max(map(len, all_lines)) <= 100 and long_lines >= max(3, len(all_lines) // 3)
    blocks = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if len(lines) >= 2 and SETEXT_UNDERLINE.match(lines[1]):
            level = 1 if lines[1].startswith("=") else 2
            blocks.append(Block(lines[0], kind=HEADING, level=level))
            lines = lines[2:]
        elif lines and CAPS_HEADING.match(lines[0]) and lines[0].upper() == lines[0]:
            blocks.append(Block(lines[0], kind=HEADING, level=1))
            lines = lines[1:]
        elif len(lines) == 1 and NUMBERED_HEADING.match(lines[0]):
            level = min(NUMBERED_HEADING.match(lines[0]).group(1).count(".") + 1, 3)
            blocks.append(Block(lines[0], kind=HEADING, level=level))
            lines = []
        if lines and hard_wrapped:
            blocks.append(Block(join_wrapped_lines(lines)))
        elif lines:
            blocks.append(Block("\n".join(re.sub(r"\s+", " ", line) for line in lines)))
    return blocks


def plain_title(text: str) -> str | None:
    """Return the first line of plain text that is not a label such as "PRESS RELEASE"."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    titles = [line for line in lines[:5] if not GENERIC_LABEL.match(line)] or lines
    return _shorten(titles[0]) if titles else None


def join_wrapped_lines(lines: list[str]) -> str:
    """Join lines with spaces, except that list items and table rows each start a new line."""
    joined = ""
    for line in lines:
        if not joined:
            joined = line
        elif LIST_ITEM.match(line) or TABLE_ROW.match(line):
            joined += "\n" + line
        else:
            joined += " " + line
    return re.sub(r"[ \t]+", " ", joined)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return the ``key: value`` pairs of a leading ``---`` block and the text after it."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            pairs = {}
            for entry in lines[1:index]:
                key, separator, value = entry.partition(":")
                if separator and key.strip() and not entry[:1].isspace():
                    pairs[key.strip().lower()] = value.strip().strip("\"'")
            return pairs, "\n".join(lines[index + 1 :])
    return {}, text


def parse_markdown_blocks(text: str) -> list[Block]:
    """Return the heading and paragraph blocks of markdown ``text``."""
    blocks: list[Block] = []
    pending: list[str] = []

    def flush() -> None:
        """Turn the pending lines into a paragraph block."""
        paragraph = strip_inline_markup(join_wrapped_lines(pending)).strip()
        if paragraph:
            blocks.append(Block(paragraph))
        pending.clear()

    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if FENCE.match(line):
            flush()
            code = []
            while index < len(lines) and not FENCE.match(lines[index]):
                code.append(lines[index])
                index += 1
            index += 1
            if "\n".join(code).strip():
                blocks.append(Block("\n".join(code).strip("\n")))
            continue
        heading = ATX_HEADING.match(line)
        underline = SETEXT_UNDERLINE.match(line)
        if heading:
            flush()
            title = strip_inline_markup(heading.group(2)).strip()
            if title:
                blocks.append(Block(title, kind=HEADING, level=len(heading.group(1))))
        elif underline and len(pending) == 1 and not LIST_ITEM.match(pending[0]):
            level = 1 if underline.group(1).startswith("=") else 2
            title = strip_inline_markup(pending.pop()).strip()
            blocks.append(Block(title, kind=HEADING, level=level))
        elif not line.strip() or THEMATIC_BREAK.match(line):
            flush()
        elif not TABLE_SEPARATOR.match(line) and not REFERENCE_DEFINITION.match(line):
            pending.append(_markdown_line(line))
    flush()
    return blocks


def _markdown_line(line: str) -> str:
    """Return a markdown line without its blockquote marker and table pipes."""
    line = re.sub(r"^\s*(?:>\s?)+", "", line).strip()
    if line.startswith("|") and line.endswith("|") and len(line) > 1:
        line = " | ".join(cell.strip() for cell in line[1:-1].split("|"))
    return line


def strip_inline_markup(text: str) -> str:
    """Return ``text`` without markdown emphasis, code and link syntax."""
    for pattern, replacement in INLINE_REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text


def _opening_lines(text: str) -> str:
    """Return the short lines among the first lines of ``text``, where a date is stated."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:DATE_SEARCH_LINES]
    return "\n".join(line for line in lines if len(line) <= DATE_LINE_LENGTH)


def _first_line(blocks: list[Block]) -> str | None:
    """Return the first line of the first block, shortened to a title's length."""
    return _shorten(blocks[0].text.strip().split("\n")[0]) if blocks else None


def _shorten(line: str) -> str:
    """Return ``line`` cut at a word to at most 200 characters."""
    return line if len(line) <= 200 else line[:197].rsplit(" ", 1)[0] + "..."
