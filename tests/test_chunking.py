"""Chunking of parsed documents, with the bundled model's own token counts."""

from __future__ import annotations

from ingest.chunking import ChunkingOptions, chunk_document
from ingest.document import HEADING, Block, ParsedDocument

BOARD = [
    ("Our Board", HEADING, 1),
    ("PRESIDENT", "paragraph", 0),
    ("GIUSEPPE GUERINI", HEADING, 2),
    ("Confcooperative, Italy\nVICE PRESIDENT", "paragraph", 0),
    ("JANUSZ PASZKOWSKI", HEADING, 2),
    ("NAUWC, Poland\nVICE PRESIDENT-TREASURER", "paragraph", 0),
    ("ANNE-LAURE DESGRIS", HEADING, 2),
    ("Smart, Belgium", "paragraph", 0),
]


def _document(blocks) -> ParsedDocument:
    return ParsedDocument(
        source="board.pdf",
        media_type="pdf",
        blocks=[Block(text, kind, level) for text, kind, level in blocks],
        title="Activity Report 2024",
    )


def test_a_label_line_moves_with_the_heading_it_introduces(embedder):
    options = ChunkingOptions(target_tokens=24, overlap_tokens=4, min_tokens=12)
    chunks = chunk_document(_document(BOARD), embedder.count_tokens, options)
    holding_name = [c.text for c in chunks if "ANNE-LAURE DESGRIS" in c.text]
    assert holding_name and all("VICE PRESIDENT-TREASURER" in t for t in holding_name)
    assert not any(c.text.rstrip().endswith("VICE PRESIDENT-TREASURER") for c in chunks)


def test_passages_are_slices_of_the_document_in_order(embedder):
    document = _document(BOARD)
    options = ChunkingOptions(target_tokens=24, overlap_tokens=4, min_tokens=12)
    chunks = chunk_document(document, embedder.count_tokens, options)
    assert len(chunks) > 1
    for chunk in chunks:
        assert chunk.text == document.text[chunk.char_start : chunk.char_end]
    assert [c.char_start for c in chunks] == sorted(c.char_start for c in chunks)


def test_a_signature_stays_with_the_text_it_signs(embedder):
    foreword = "We thank every member of the network for a difficult and fruitful year. " * 3
    document = _document(
        [
            ("Foreword", HEADING, 1),
            (foreword, "paragraph", 0),
            ("Giuseppe Guerini, President", "paragraph", 0),
            ("2021 in brief", HEADING, 1),
            ("January: comment by our President on a report about inequality.", "paragraph", 0),
        ]
    )
    options = ChunkingOptions(target_tokens=60, overlap_tokens=4, min_tokens=12)
    chunks = chunk_document(document, embedder.count_tokens, options)
    signed = next(c for c in chunks if "Giuseppe Guerini, President" in c.text)
    assert "We thank every member" in signed.text
    assert "2021 in brief" not in signed.text
