"""The ingest pipeline: discover, parse, describe, chunk, embed and store documents."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest import metadata
from ingest.chunking import ChunkingOptions, chunk_document
from ingest.document import ParsedDocument
from ingest.errors import LoadError
from ingest.parsing import ParserPool, media_type_of
from kb.acronyms import find_acronyms
from kb.knowledge_base import KnowledgeBase
from kb.records import MEDIA_SUFFIXES, Acronym, DocumentRecord
from kb.sentences import split_sentences

IGNORED_NAMES = {metadata.FOLDER_CSV}


@dataclass
class Outcome:
    """What happened to one source."""

    source: str
    status: str  # added | updated | unchanged | removed | skipped | failed
    reason: str = ""
    doc_id: int | None = None
    chunks: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    """Outcomes of one ingest, sync or crawl run."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        """Return how many sources ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        """Return the sources that could not be ingested."""
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def ok(self) -> bool:
        """Return True when no source failed."""
        return not self.failed

    def summary(self) -> str:
        """Return a one-line account of the run."""
        statuses = ("added", "updated", "unchanged", "removed", "failed")
        parts = [f"{self.count(s)} {s}" for s in statuses]
        if self.count("skipped"):
            parts.append(f"{self.count('skipped')} skipped")
        chunks = sum(o.chunks for o in self.outcomes if o.status in ("added", "updated"))
        return ", ".join(parts) + f"; {chunks} passages embedded"


def discover(
    paths: Iterable[str | Path], exclude: Path | None = None
) -> tuple[list[Path], list[Outcome]]:
    """Expand files and folders (recursively) into the files to ingest, and refusals.

    Hidden files, sidecars, metadata.csv and anything under ``exclude`` (the home) are skipped.
    """
    exclude = exclude.resolve() if exclude is not None else None
    files: list[Path] = []
    refused: list[Outcome] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.is_file())
            candidates = [
                p
                for p in candidates
                if not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.name not in IGNORED_NAMES
                and not p.name.endswith(metadata.SIDECAR_SUFFIX)
                and not (exclude and p.resolve().is_relative_to(exclude))
            ]
        elif path.is_file():
            candidates = [path]
        else:
            refused.append(Outcome(str(raw), "failed", "no such file or folder"))
            continue
        for candidate in candidates:
            if media_type_of(candidate) is None:
                refused.append(
                    Outcome(
                        str(candidate),
                        "failed",
                        f"unsupported file type {candidate.suffix or '(none)'} "
                        "(use .pdf, .html, .htm, .txt or .md)",
                    )
                )
            else:
                files.append(candidate.resolve())
    unique = list(dict.fromkeys(files))
    return unique, refused


def embed_sentences(chunks: list, embedder) -> None:
    """Embed every sentence of every passage once, for rescoring and answers at query time."""
    texts = []
    for chunk in chunks:
        chunk.sentence_spans = split_sentences(chunk.text)
        texts.extend(chunk.text[start:end] for start, end in chunk.sentence_spans)
    vectors = embedder.encode(texts)
    position = 0
    for chunk in chunks:
        count = len(chunk.sentence_spans)
        chunk.sentence_vectors = vectors[position : position + count] if count else None
        position += count


class Ingester:
    """Ingest files and fetched pages into one knowledge base."""

    def __init__(
        self,
        kb: KnowledgeBase,
        given: dict | None = None,
        progress: Callable[[str], None] | None = None,
    ):
        self.kb = kb
        self.given = metadata.validate(given or {}, "command line")
        self.progress = progress or (lambda source: None)
        self.pool = ParserPool(kb.config.parse_timeout_s, kb.config.parse_memory_mb)
        self.options = ChunkingOptions(
            target_tokens=kb.config.chunk_tokens,
            overlap_tokens=kb.config.chunk_overlap_tokens,
            min_tokens=kb.config.chunk_min_tokens,
            prefix_max_tokens=kb.config.prefix_max_tokens,
        )

    def close(self) -> None:
        """Stop the parsing worker and save the vector index."""
        self.pool.close()
        self.kb.flush()

    def __enter__(self) -> Ingester:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- files --

    def ingest_paths(self, paths: Iterable[str | Path]) -> IngestReport:
        """Ingest files and folders; bad files are reported and the rest still ingested."""
        files, refused = discover(paths, exclude=self.kb.home)
        report = self.ingest_files(files)
        report.outcomes[:0] = refused
        return report

    def ingest_files(self, files: list[Path]) -> IngestReport:
        """Ingest files already discovered, reporting progress after each."""
        report = IngestReport()
        for path in files:
            report.outcomes.append(self.ingest_file(path))
            self.progress(str(path))
        return report

    def ingest_file(self, path: Path) -> Outcome:
        """Ingest one file unless its content and metadata are unchanged."""
        source = str(path)
        try:
            given = {**metadata.read_folder_csv(path), **metadata.read_sidecar(path), **self.given}
            data = self._read(path)
            media_type = media_type_of(path)
            content_hash = self._hash(data, given)
            if self.kb.store.content_hash(source) == content_hash:
                return Outcome(source, "unchanged")
            parsed = self.pool.parse(path, media_type, source)
            return self._store(parsed, path, given, content_hash, data)
        except LoadError as error:
            return Outcome(source, "failed", error.reason)
        except OSError as error:
            return Outcome(source, "failed", f"could not be read: {error.strerror or error}")

    def ingest_bytes(
        self,
        data: bytes,
        media_type: str,
        source: str,
        base_url: str | None = None,
        given: dict | None = None,
    ) -> Outcome:
        """Ingest a fetched page or an uploaded file held in memory."""
        try:
            given = {**self.given, **metadata.validate(given or {}, source)}
            self._check_size(source, len(data))
            content_hash = self._hash(data, given)
            if self.kb.store.content_hash(source) == content_hash:
                return Outcome(source, "unchanged")
            suffix = MEDIA_SUFFIXES.get(media_type, ".txt")
            with tempfile.TemporaryDirectory(dir=self.kb.scratch) as tmp:
                path = Path(tmp) / f"upload{suffix}"
                path.write_bytes(data)
                parsed = self.pool.parse(path, media_type, source, base_url)
            return self._store(parsed, None, given, content_hash, data)
        except LoadError as error:
            return Outcome(source, "failed", error.reason)

    def _check_size(self, source: str, size: int) -> None:
        if size == 0:
            raise LoadError(source, "file is empty")
        limit = self.kb.config.max_file_mb
        if size > limit * 1024 * 1024:
            raise LoadError(source, f"file is larger than the {limit} MB limit")

    def _read(self, path: Path) -> bytes:
        self._check_size(str(path), path.stat().st_size)
        return path.read_bytes()

    def _hash(self, data: bytes, given: dict) -> str:
        """Hash content, given metadata and chunking settings: any change means re-ingest."""
        digest = hashlib.sha256(data)
        settings = {
            "meta": given,
            "chunking": self.kb.chunking_settings(),
            "model": self.kb.config.model,
        }
        digest.update(json.dumps(settings, sort_keys=True).encode())
        return digest.hexdigest()

    def _store(
        self,
        parsed: ParsedDocument,
        path: Path | None,
        given: dict,
        content_hash: str,
        original: bytes,
    ) -> Outcome:
        """Describe, chunk, embed and write one parsed document."""
        meta = metadata.resolve(parsed, path, given)
        parsed.title = meta.title
        embedder = self.kb.embedder
        chunks = chunk_document(
            parsed,
            embedder.count_tokens,
            ChunkingOptions(**{**self.options.__dict__, "window_tokens": embedder.max_tokens}),
        )
        if not chunks:
            raise LoadError(parsed.source, "no readable text")
        acronyms = [
            Acronym(acronym, expansion, chunk.ordinal)
            for chunk in chunks
            for acronym, expansion in find_acronyms(chunk.text)
        ]
        vectors = embedder.encode([chunk.embed_text for chunk in chunks])
        embed_sentences(chunks, embedder)
        existed = self.kb.store.content_hash(parsed.source) is not None
        record = DocumentRecord(
            source=parsed.source,
            title=meta.title,
            media_type=parsed.media_type,
            content_hash=content_hash,
            text=parsed.text,
            doc_type=meta.doc_type,
            date=meta.date,
            language=meta.language,
            visibility=meta.visibility,
            tags=meta.tags,
            canonical_url=parsed.canonical_url,
            page_count=parsed.page_count,
            inferred=meta.inferred,
            warnings=list(parsed.warnings),
        )
        doc_id = self.kb.write_document(record, chunks, vectors, acronyms, original=original)
        return Outcome(
            parsed.source,
            "updated" if existed else "added",
            doc_id=doc_id,
            chunks=len(chunks),
            warnings=list(parsed.warnings),
        )

    # -- folders kept in step --

    def sync(self, folder: str | Path) -> IngestReport:
        """Ingest a folder and remove documents whose files under it are gone."""
        root = Path(folder).resolve()
        report = IngestReport()
        prefix = str(root) + "/"
        for source in self.kb.store.sources():
            if source.startswith(prefix) and not Path(source).exists():
                doc = self.kb.delete(source)
                report.outcomes.append(Outcome(source, "removed", doc_id=doc.id))
        report.outcomes.extend(self.ingest_paths([root]).outcomes)
        return report
