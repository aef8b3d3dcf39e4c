"""What a loader hands to the chunker: a document as an ordered list of blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

HEADING = "heading"
PARAGRAPH = "paragraph"


@dataclass
class Block:
    """One heading or paragraph of a document, with the page(s) its text sits on.

    ``pages`` lists ``(offset, page)`` pairs in ascending offset order: the text from
    ``offset`` up to the next pair's offset is on ``page``. The first pair starts at 0.
    Non-paginated sources leave ``pages`` empty.
    """

    text: str
    kind: str = PARAGRAPH
    level: int = 0
    pages: list[tuple[int, int]] = field(default_factory=list)

    def pages_of(self, start: int, end: int) -> tuple[int | None, int | None]:
        """Return the first and last page holding ``text[start:end]``."""
        if not self.pages:
            return None, None
        first = last = self.pages[0][1]
        for offset, page in self.pages:
            if offset <= start:
                first = page
            if offset < end:
                last = page
        return first, last


@dataclass
class ParsedDocument:
    """A loaded source: its blocks and whatever metadata the source itself states."""

    source: str
    media_type: str  # "pdf" | "html" | "text" | "markdown"
    blocks: list[Block]
    title: str | None = None
    date: str | None = None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    language: str | None = None
    canonical_url: str | None = None
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return the document's full text: its blocks joined by blank lines."""
        return BLOCK_SEPARATOR.join(block.text for block in self.blocks)


BLOCK_SEPARATOR = "\n\n"
