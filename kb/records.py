"""Plain records moved between the ingest pipeline, the store and the search layer."""

from __future__ import annotations

from dataclasses import dataclass, field

DOCUMENT_TYPES = ("report", "position paper", "news", "newsletter", "publication", "other")
MEDIA_SUFFIXES = {"pdf": ".pdf", "html": ".html", "markdown": ".md", "text": ".txt"}


@dataclass
class DocumentRecord:
    """A document as stored: metadata, full text and where its original file is kept."""

    source: str
    title: str
    media_type: str
    content_hash: str
    text: str
    doc_type: str = "other"
    date: str | None = None
    language: str | None = None
    visibility: str = "public"
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    file_path: str | None = None
    page_count: int | None = None
    inferred: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    id: int | None = None
    added_at: str | None = None
    updated_at: str | None = None

    @property
    def year(self) -> int | None:
        """Return the year of ``date``, if any."""
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None


@dataclass
class ChunkRecord:
    """A passage: a contiguous slice of its document's text with its provenance."""

    ordinal: int
    text: str
    section: str
    char_start: int
    char_end: int
    token_count: int
    page_start: int | None = None
    page_end: int | None = None
    embed_text: str = ""
    sentence_spans: list[tuple[int, int]] = field(default_factory=list)
    sentence_vectors: object = None  # numpy array (sentences x dimension) or None
    id: int | None = None
    doc_id: int | None = None


@dataclass
class Acronym:
    """An acronym and the expansion a document defines for it."""

    acronym: str
    expansion: str
    chunk_ordinal: int
