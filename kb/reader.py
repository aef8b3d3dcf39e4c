"""A document laid out for reading: its text cut at passage boundaries, with headings and pages.

Passages overlap by a sentence or two and headings often sit between them, so the reading view
walks the stored document text once: every character is shown exactly once, each passage keeps
its anchor (its ordinal), and text between passages (usually headings) is shown before the
passage that follows it. A focused passage is shown whole; its neighbours give way to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.citations import citation_link, citation_text, page_label
from kb.records import DocumentRecord

_BULLET = re.compile(r"^\s*(?:[-*•‣▪]|\d{1,2}[.)])\s+")


@dataclass
class TextBlock:
    """A heading, a paragraph or a bulleted list of the reading view."""

    kind: str  # "heading", "paragraph" or "list"
    text: str = ""
    level: int = 2
    items: list[str] = field(default_factory=list)


@dataclass
class PassageView:
    """One passage of a document as shown on its page."""

    chunk_id: int
    ordinal: int
    section: str
    page_start: int | None
    page_end: int | None
    text: str
    pages: str
    citation: str
    link: str
    lead: list[TextBlock] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)
    page_marker: int | None = None
    continues_to: int | None = None

    def to_api(self) -> dict:
        """Return the passage as the API's object (its own full text, not the cut view)."""
        return {
            "chunk_id": self.chunk_id,
            "ordinal": self.ordinal,
            "section": self.section,
            "page_start": self.page_start,
            "page_end": self.page_end,
            "pages": self.pages,
            "text": self.text,
            "citation": self.citation,
            "link": self.link,
        }


@dataclass
class DocumentView:
    """A document's passages ready to read, and any text after the last one."""

    document: DocumentRecord
    passages: list[PassageView]
    tail: list[TextBlock] = field(default_factory=list)
    focus: PassageView | None = None


def _heading_levels(sections: list[str], title: str) -> dict[str, int]:
    """Map each heading text of the section paths to its depth (0 = the shallowest)."""
    levels: dict[str, int] = {}
    for path in sections:
        for depth, name in enumerate(p.strip() for p in path.split(" > ")):
            if name and name != title:
                levels.setdefault(" ".join(name.split()), depth)
    top = min(levels.values(), default=0)
    return {name: depth - top for name, depth in levels.items()}


def text_blocks(text: str, headings: dict[str, int], title: str = "") -> list[TextBlock]:
    """Split text into headings, paragraphs and lists at blank lines."""
    blocks: list[TextBlock] = []
    for raw in re.split(r"\n\s*\n", text):
        paragraph = raw.strip()
        if not paragraph:
            continue
        flat = " ".join(paragraph.split())
        if flat in headings:
            blocks.append(TextBlock("heading", flat, level=min(2 + headings[flat], 6)))
        elif title and flat == title:
            continue
        elif all(_BULLET.match(line) for line in paragraph.splitlines() if line.strip()):
            items = [_BULLET.sub("", line).strip() for line in paragraph.splitlines()]
            blocks.append(TextBlock("list", items=[i for i in items if i]))
        else:
            blocks.append(TextBlock("paragraph", paragraph))
    return blocks


def _display_ranges(rows: list, focus: int | None) -> list[list[int]]:
    """Return the [start, end) of document text each passage shows, without repeats."""
    ranges = [[row["char_start"], row["char_end"]] for row in rows]
    for i in range(1, len(ranges)):
        previous, current = ranges[i - 1], ranges[i]
        if current[0] >= previous[1]:
            continue
        if focus == i and focus is not None:
            previous[1] = max(previous[0], current[0])
        else:
            current[0] = min(previous[1], current[1])
    return ranges


def document_view(
    doc: DocumentRecord, rows: list, focus_ordinal: int | None = None
) -> DocumentView:
    """Lay out a document (with its text) and its passage rows for reading."""
    text = doc.text
    headings = _heading_levels([row["section"] for row in rows], doc.title)
    focus_index = next((i for i, r in enumerate(rows) if r["ordinal"] == focus_ordinal), None)
    ranges = _display_ranges(rows, focus_index)
    passages: list[PassageView] = []
    cursor, last_page = 0, 0
    for row, (start, end) in zip(rows, ranges, strict=True):
        page_start, page_end = row["page_start"], row["page_end"]
        view = PassageView(
            chunk_id=row["id"],
            ordinal=row["ordinal"],
            section=row["section"],
            page_start=page_start,
            page_end=page_end,
            text=row["text"],
            pages=page_label(page_start, page_end),
            citation=citation_text(doc.title, doc.date, page_start, page_end, row["section"]),
            link=citation_link(
                doc.id, doc.media_type, doc.canonical_url, page_start, row["ordinal"], row["text"]
            ),
            lead=text_blocks(text[cursor:start], headings, doc.title) if start > cursor else [],
            blocks=text_blocks(text[start:end], headings),
        )
        if page_start is not None:
            if page_start > last_page:
                view.page_marker = page_start
            if (page_end or page_start) > max(page_start, last_page):
                view.continues_to = page_end
            last_page = max(last_page, page_end or page_start)
        passages.append(view)
        cursor = max(cursor, end)
    tail = text_blocks(text[cursor:], headings, doc.title) if cursor < len(text) else []
    focus = passages[focus_index] if focus_index is not None else None
    return DocumentView(doc, passages, tail, focus)


def document_metadata(doc: DocumentRecord) -> dict:
    """Return a document's metadata as the API's object (no text)."""
    return {
        "doc_id": doc.id,
        "title": doc.title,
        "type": doc.doc_type,
        "date": doc.date,
        "language": doc.language,
        "tags": list(doc.tags),
        "source": doc.source,
        "canonical_url": doc.canonical_url,
        "media_type": doc.media_type,
        "page_count": doc.page_count,
        "inferred": list(doc.inferred),
        "visibility": doc.visibility,
        "link": f"/doc/{doc.id}",
        "file": f"/files/{doc.id}" if doc.file_path else None,
    }
