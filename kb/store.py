"""SQLite storage of documents, passages, their vectors and the FTS5 keyword index."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from kb.filters import Filters, document_where
from kb.keyword_index import FTS_TABLES, fts_tables_for
from kb.records import Acronym, ChunkRecord, DocumentRecord
from kb.schema import SCHEMA

DB_NAME = "kb.sqlite3"

_DOCUMENT_COLUMNS = (
    "id, source, title, doc_type, date, language, visibility, tags, media_type, canonical_url, "
    "file_path, content_hash, page_count, text, inferred, warnings, added_at, updated_at"
)


@dataclass(frozen=True)
class WriteResult:
    """What one write changed: the document, chunk ids out and in, the new generation."""

    doc_id: int
    removed: list[int]
    added: list[int]
    generation: int


@dataclass(frozen=True)
class Evidence:
    """What rescoring and answers read of a passage."""

    text: str
    vector: np.ndarray
    sentence_spans: list[tuple[int, int]]
    sentence_vectors: np.ndarray | None


def now_iso() -> str:
    """Return the current UTC time as ISO 8601 seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _document_from_row(row: sqlite3.Row) -> DocumentRecord:
    data = dict(row)
    for key in ("tags", "inferred", "warnings"):
        data[key] = json.loads(data[key])
    data["doc_type"] = data.pop("doc_type")
    return DocumentRecord(**data)


class Store:
    """One SQLite database per home; a connection per thread, WAL for concurrent readers."""

    def __init__(self, home: Path):
        self.path = Path(home) / DB_NAME
        self._local = threading.local()
        self._write_lock = threading.Lock()
        with self._write_lock:
            self.conn.executescript(SCHEMA)  # idempotent; executescript commits on its own
            self.conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', '0')")

    @property
    def conn(self) -> sqlite3.Connection:
        """Return this thread's connection, opening it on first use."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one write transaction: all of it is committed or none."""
        with self._write_lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- generation: bumped by every write that changes passages or vectors --

    @property
    def generation(self) -> int:
        """Return the number of passage-changing writes committed so far."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0])

    def _bump_generation(self, conn: sqlite3.Connection) -> int:
        conn.execute(
            "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) "
            "WHERE key = 'generation'"
        )
        return int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def get_meta(self, key: str) -> str | None:
        """Return a value of the meta table."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the meta table."""
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- documents --

    def replace_document(
        self,
        doc: DocumentRecord,
        chunks: list[ChunkRecord],
        embeddings: np.ndarray,
        acronyms: list[Acronym] = (),
    ) -> WriteResult:
        """Store a document and its passages in one transaction, replacing any older version."""
        stamp = now_iso()
        with self.transaction() as conn:
            old = conn.execute(
                "SELECT id, added_at FROM documents WHERE source = ?", (doc.source,)
            ).fetchone()
            removed = self._delete_rows(conn, old["id"]) if old else []
            cursor = conn.execute(
                "INSERT INTO documents (source, title, doc_type, date, year, language, visibility,"
                " tags, media_type, canonical_url, file_path, content_hash, page_count, text,"
                " inferred, warnings, added_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.source,
                    doc.title,
                    doc.doc_type,
                    doc.date,
                    doc.year,
                    doc.language,
                    doc.visibility,
                    json.dumps(doc.tags),
                    doc.media_type,
                    doc.canonical_url,
                    doc.file_path,
                    doc.content_hash,
                    doc.page_count,
                    doc.text,
                    json.dumps(doc.inferred),
                    json.dumps(doc.warnings),
                    old["added_at"] if old else stamp,
                    stamp,
                ),
            )
            doc_id = int(cursor.lastrowid)
            added = []
            for chunk, vector in zip(chunks, embeddings, strict=True):
                cursor = conn.execute(
                    "INSERT INTO chunks (doc_id, ordinal, text, section, page_start, page_end,"
                    " char_start, char_end, token_count, embed_text, embedding, sentence_spans,"
                    " sentence_vectors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        doc_id,
                        chunk.ordinal,
                        chunk.text,
                        chunk.section,
                        chunk.page_start,
                        chunk.page_end,
                        chunk.char_start,
                        chunk.char_end,
                        chunk.token_count,
                        chunk.embed_text,
                        np.asarray(vector, dtype="float32").tobytes(),
                        json.dumps(chunk.sentence_spans),
                        None
                        if chunk.sentence_vectors is None
                        else np.asarray(chunk.sentence_vectors, dtype="float32").tobytes(),
                    ),
                )
                chunk_id = int(cursor.lastrowid)
                added.append(chunk_id)
                for table in fts_tables_for(doc.visibility):
                    conn.execute(
                        f"INSERT INTO {table} (rowid, text, title, section) VALUES (?, ?, ?, ?)",
                        (chunk_id, chunk.text, doc.title, chunk.section),
                    )
            for acronym in acronyms:
                conn.execute(
                    "INSERT INTO acronyms (doc_id, chunk_id, acronym, expansion)"
                    " VALUES (?, ?, ?, ?)",
                    (doc_id, added[acronym.chunk_ordinal], acronym.acronym, acronym.expansion),
                )
            generation = self._bump_generation(conn)
        return WriteResult(doc_id, removed, added, generation)

    def _delete_rows(self, conn: sqlite3.Connection, doc_id: int) -> list[int]:
        ids = [r[0] for r in conn.execute("SELECT id FROM chunks WHERE doc_id = ?", (doc_id,))]
        for table in FTS_TABLES.values():
            conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(i,) for i in ids])
        conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return ids

    def delete_document(self, doc_id: int) -> WriteResult:
        """Delete a document, its passages, keyword entries and acronyms."""
        with self.transaction() as conn:
            removed = self._delete_rows(conn, doc_id)
            generation = self._bump_generation(conn)
        return WriteResult(doc_id, removed, [], generation)

    def set_visibility(self, doc_id: int, visibility: str) -> None:
        """Change who may read a document."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE documents SET visibility = ?, updated_at = ? WHERE id = ?",
                (visibility, now_iso(), doc_id),
            )
            rows = conn.execute(
                "SELECT c.id, c.text, d.title, c.section FROM chunks c"
                " JOIN documents d ON d.id = c.doc_id WHERE c.doc_id = ?",
                (doc_id,),
            ).fetchall()
            for table in FTS_TABLES.values():
                conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(r[0],) for r in rows])
            for table in fts_tables_for(visibility):
                conn.executemany(
                    f"INSERT INTO {table} (rowid, text, title, section) VALUES (?, ?, ?, ?)",
                    [tuple(r) for r in rows],
                )

    def get_document(self, doc_id: int) -> DocumentRecord | None:
        """Return a document by id, whoever may read it."""
        row = self.conn.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return _document_from_row(row) if row else None

    def find_document(self, id_or_source: str) -> DocumentRecord | None:
        """Return a document by numeric id or by source path/URL."""
        row = self.conn.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE source = ?", (id_or_source,)
        ).fetchone()
        if row is None and str(id_or_source).isdigit():
            row = self.conn.execute(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (int(id_or_source),)
            ).fetchone()
        return _document_from_row(row) if row else None

    def content_hash(self, source: str) -> str | None:
        """Return the stored content hash of a source, if present."""
        row = self.conn.execute(
            "SELECT content_hash FROM documents WHERE source = ?", (source,)
        ).fetchone()
        return row[0] if row else None

    def file_in_use(self, file_path: str) -> bool:
        """Return True if a stored document keeps its original at ``file_path``."""
        row = self.conn.execute(
            "SELECT 1 FROM documents WHERE file_path = ? LIMIT 1", (file_path,)
        ).fetchone()
        return row is not None

    def sources(self) -> list[str]:
        """Return every stored source."""
        return [r[0] for r in self.conn.execute("SELECT source FROM documents ORDER BY id")]

    def list_documents(
        self, visibilities: tuple[str, ...], filters: Filters | None = None, sort: str = "newest"
    ) -> list[DocumentRecord]:
        """Return the documents a viewer may read, without their text.

        ``sort`` is newest, oldest or title.
        """
        where, params = document_where(visibilities, filters)
        columns = _DOCUMENT_COLUMNS.replace(" text,", " '' AS text,")
        order = {
            "newest": "d.date IS NULL, d.date DESC, d.title COLLATE NOCASE",
            "oldest": "d.date IS NULL, d.date ASC, d.title COLLATE NOCASE",
            "title": "d.title COLLATE NOCASE, d.date DESC",
        }[sort]
        rows = self.conn.execute(
            f"SELECT {columns} FROM documents d WHERE {where} ORDER BY {order}", params
        ).fetchall()
        return [_document_from_row(r) for r in rows]

    # -- chunks --

    def chunk_rows(self, chunk_ids: list[int]) -> dict[int, sqlite3.Row]:
        """Return chunk rows joined with their document's metadata, keyed by chunk id."""
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        rows = self.conn.execute(
            "SELECT c.id, c.doc_id, c.ordinal, c.text, c.section, c.page_start, c.page_end,"
            " c.char_start, c.char_end, d.title, d.source, d.doc_type, d.date, d.language,"
            " d.visibility, d.canonical_url, d.media_type, d.file_path"
            f" FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE c.id IN ({marks})",
            list(chunk_ids),
        ).fetchall()
        return {row["id"]: row for row in rows}

    def chunk_evidence(self, chunk_ids: list[int]) -> dict[int, Evidence]:
        """Return each passage's text, vector, sentence spans and sentence vectors."""
        if not chunk_ids:
            return {}
        rows = self.conn.execute(
            "SELECT id, text, embedding, sentence_spans, sentence_vectors FROM chunks"
            f" WHERE id IN ({','.join('?' * len(chunk_ids))})",
            list(chunk_ids),
        ).fetchall()
        found = {}
        for row in rows:
            spans = [tuple(span) for span in json.loads(row["sentence_spans"])]
            sentences = None
            if row["sentence_vectors"] is not None and spans:
                sentences = np.frombuffer(row["sentence_vectors"], dtype="float32").reshape(
                    len(spans), -1
                )
            vector = np.frombuffer(row["embedding"], dtype="float32")
            found[row["id"]] = Evidence(row["text"], vector, spans, sentences)
        return found

    def document_chunks(self, doc_id: int) -> list[sqlite3.Row]:
        """Return a document's passages in order."""
        return self.conn.execute(
            "SELECT id, ordinal, text, section, page_start, page_end, char_start, char_end"
            " FROM chunks WHERE doc_id = ? ORDER BY ordinal",
            (doc_id,),
        ).fetchall()

    def allowed_chunk_ids(
        self, visibilities: tuple[str, ...], filters: Filters | None = None
    ) -> np.ndarray:
        """Return the ids of every passage in documents the viewer may read and filters keep."""
        where, params = document_where(visibilities, filters)
        rows = self.conn.execute(
            f"SELECT c.id FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE {where}", params
        ).fetchall()
        return np.fromiter((r[0] for r in rows), dtype="int64", count=len(rows))

    def all_embeddings(self) -> tuple[np.ndarray, np.ndarray]:
        """Return every chunk id and its stored vector (for rebuilding the vector index)."""
        rows = self.conn.execute("SELECT id, embedding FROM chunks ORDER BY id").fetchall()
        ids = np.fromiter((r[0] for r in rows), dtype="int64", count=len(rows))
        if not rows:
            return ids, np.zeros((0, 0), dtype="float32")
        vectors = np.vstack([np.frombuffer(r[1], dtype="float32") for r in rows])
        return ids, vectors

    def embed_texts(self) -> list[tuple[int, str]]:
        """Return every chunk id with the text that was embedded for it."""
        return [(r[0], r[1]) for r in self.conn.execute("SELECT id, embed_text FROM chunks")]

    def replace_embeddings(self, ids: list[int], vectors: np.ndarray) -> int:
        """Overwrite stored vectors (after re-embedding with another model)."""
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE chunks SET embedding = ? WHERE id = ?",
                [
                    (np.asarray(v, dtype="float32").tobytes(), i)
                    for i, v in zip(ids, vectors, strict=True)
                ],
            )
            return self._bump_generation(conn)

    def counts(self, visibilities: tuple[str, ...] | None = None) -> dict[str, int]:
        """Return how many documents and passages there are (for a viewer, if given)."""
        if visibilities is None:
            docs = self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            chunks = self.conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        else:
            where, params = document_where(visibilities)
            docs = self.conn.execute(
                f"SELECT COUNT(*) FROM documents d WHERE {where}", params
            ).fetchone()[0]
            chunks = self.conn.execute(
                f"SELECT COUNT(*) FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE {where}",
                params,
            ).fetchone()[0]
        return {"documents": int(docs), "chunks": int(chunks)}

    def chunk_documents(self, chunk_ids: list[int]) -> list[sqlite3.Row]:
        """Return the document attributes (id, type, year, language, date) of passages."""
        rows: list[sqlite3.Row] = []
        for start in range(0, len(chunk_ids), 900):
            batch = list(chunk_ids[start : start + 900])
            rows.extend(
                self.conn.execute(
                    "SELECT c.id, c.doc_id, d.doc_type, d.year, d.language, d.date FROM chunks c"
                    " JOIN documents d ON d.id = c.doc_id"
                    f" WHERE c.id IN ({','.join('?' * len(batch))})",
                    batch,
                ).fetchall()
            )
        return rows
