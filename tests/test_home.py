"""A home describes itself, refuses another model, and survives a crash between writes."""

from __future__ import annotations

import json

import pytest

from kb.errors import IncompatibleHome
from kb.knowledge_base import KnowledgeBase
from kb.settings import Config


def test_manifest_records_model_dimension_and_chunking(loaded_kb):
    manifest = json.loads((loaded_kb.home / "manifest.json").read_text())
    assert manifest["model"] == "all-MiniLM-L6-v2"
    assert manifest["dimension"] == 384
    assert manifest["schema_version"] == 1
    assert manifest["chunking"]["target_tokens"] == loaded_kb.config.chunk_tokens


def test_other_model_is_refused_with_rebuild_advice(loaded_kb):
    with pytest.raises(IncompatibleHome) as error:
        KnowledgeBase(Config(home=loaded_kb.home, model="sentence-transformers/other-model"))
    message = str(error.value)
    assert "all-MiniLM-L6-v2" in message and "other-model" in message
    assert "kb --home" in message and "rebuild" in message


def test_other_dimension_is_refused(loaded_kb):
    manifest_path = loaded_kb.home / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["dimension"] = 768
    manifest_path.write_text(json.dumps(manifest))
    reopened = KnowledgeBase(Config(home=loaded_kb.home), embedder=loaded_kb.embedder)
    with pytest.raises(IncompatibleHome, match="768"):
        _ = reopened.embedder


def test_vectors_rebuilt_when_file_does_not_match_generation(loaded_kb, embedder):
    generation = loaded_kb.store.generation
    vector_file = loaded_kb.home / f"vectors-{generation}.faiss"
    assert vector_file.exists()
    vector_file.unlink()  # as if the process died after the SQLite commit
    reopened = KnowledgeBase(Config(home=loaded_kb.home), embedder=embedder)
    stats = reopened.stats()
    assert stats["chunks"] == stats["vectors"] > 0
    assert reopened.search("Zaganelli", mode="semantic", k=3).results
    assert vector_file.exists()


def test_token_window_is_never_exceeded(loaded_kb, embedder):
    rows = loaded_kb.store.conn.execute("SELECT embed_text FROM chunks").fetchall()
    counts = embedder.count_tokens([r[0] for r in rows])
    assert max(counts) <= embedder.max_tokens


def test_chunk_text_is_a_slice_of_the_document(loaded_kb):
    for doc in loaded_kb.list_documents(("public",)):
        full = loaded_kb.store.get_document(doc.id).text
        for chunk in loaded_kb.store.document_chunks(doc.id):
            assert full[chunk["char_start"] : chunk["char_end"]] == chunk["text"]
