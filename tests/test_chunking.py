"""Chunking of parsed documents, with the bundled model's own token counts."""

from __future__ import annotations

import re

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


def test_a_role_ending_the_line_of_the_card_before_moves_with_its_name(embedder):
    # Cards side by side: the extracted line holds one card's country and the next one's role.
    board = [(text.replace("\n", " "), kind, level) for text, kind, level in BOARD]
    options = ChunkingOptions(target_tokens=24, overlap_tokens=4, min_tokens=12)
    chunks = chunk_document(_document(board), embedder.count_tokens, options)
    holding_name = [c.text for c in chunks if "ANNE-LAURE DESGRIS" in c.text]
    assert holding_name and all("VICE PRESIDENT-TREASURER" in t for t in holding_name)
    assert not any(c.text.rstrip().endswith("VICE PRESIDENT-TREASURER") for c in chunks)


def test_a_run_of_capitals_is_a_label_only_before_a_heading():
    from ingest.chunking import section_units

    text = "Legacoop Produzione e Servizi, Italy VICE PRESIDENT"
    blocks = [(text, "paragraph", 0), ("FRANCESCA MONTALTI", HEADING, 2), (text, "paragraph", 0)]
    units, _ = section_units(_document(blocks))
    lines = [text_of(_document(blocks), u) for u in units]
    assert lines == [
        "Legacoop Produzione e Servizi, Italy",
        "VICE PRESIDENT",
        "FRANCESCA MONTALTI",
        text,
    ]
    assert [u.label for u in units if not u.heading] == [False, True, False]


def text_of(document: ParsedDocument, unit) -> str:
    return document.text[unit.start : unit.end]


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


KEY_FIGURES = [
    ("Visibility", HEADING, 1),
    ("Our newsletter and website reached more readers than ever this year. " * 2, "paragraph", 0),
    ("3411", "paragraph", 0),
    ("mailing list subscribers", "paragraph", 0),
    ("23,000", "paragraph", 0),
    ("page views", "paragraph", 0),
    ("8", "paragraph", 0),
    ("policy position papers", "paragraph", 0),
    ("Our staff", HEADING, 1),
    ("ANNA KOWALSKA", "paragraph", 0),
    ("SECRETARY GENERAL", "paragraph", 0),
]


def test_a_key_figure_stays_with_its_label(embedder):
    for target in range(20, 61, 4):  # wherever the passage ends, no figure is cut off
        options = ChunkingOptions(target_tokens=target, overlap_tokens=4, min_tokens=12)
        chunks = chunk_document(_document(KEY_FIGURES), embedder.count_tokens, options)
        texts = [" ".join(c.text.split()) for c in chunks]
        for figure, label in (("23,000", "page views"), ("8", "policy position papers")):
            assert any(f"{figure} {label}" in t for t in texts), (target, texts)
        assert not any(re.search(r"(?:^|\s)[\d,]+$", t) for t in texts), (target, texts)


def test_a_run_of_credit_lines_is_not_split_before_its_last_line(embedder):
    body = "This report tells of a year of advocacy with our members across Europe. " * 3
    document = _document(
        [
            ("Activity Report 2024", HEADING, 1),
            (body, "paragraph", 0),
            (
                "Published in May 2025\nAuthors: Francesca Zaganelli\nDesign: Colectivo Verbena",
                "paragraph",
                0,
            ),
            (body, "paragraph", 0),
        ]
    )
    options = ChunkingOptions(target_tokens=60, overlap_tokens=4, min_tokens=12)
    chunks = chunk_document(document, embedder.count_tokens, options)
    credits = [c.text for c in chunks if "Authors: Francesca Zaganelli" in c.text]
    assert credits and all("Design: Colectivo Verbena" in t for t in credits)


def test_a_card_role_moves_with_its_name_past_a_bullet_glyph(embedder):
    cards = [("Our Board", HEADING, 1)]
    for organisation, role, name in [
        ("Confcooperative, Italy", "PRESIDENT", "GIUSEPPE GUERINI"),
        ("NAUWC, Poland", "VICE PRESIDENT", "JANUSZ PASZKOWSKI"),
        ("Legacoop Produzione e Servizi, Italy", "VICE PRESIDENT-TREASURER", "ANNE-LAURE DESGRIS"),
    ]:
        cards += [("\u25cf", "paragraph", 0), (role, "paragraph", 0), (name, HEADING, 2)]
        cards.append((organisation, "paragraph", 0))
    options = ChunkingOptions(target_tokens=24, overlap_tokens=4, min_tokens=12)
    chunks = chunk_document(_document(cards), embedder.count_tokens, options)
    holding_name = [c.text for c in chunks if "ANNE-LAURE DESGRIS" in c.text]
    assert holding_name and all("VICE PRESIDENT-TREASURER" in t for t in holding_name)
    assert not any(c.text.rstrip().endswith(("TREASURER", "\u25cf")) for c in chunks)


def test_a_role_after_an_organisation_wrapped_over_two_lines_moves_with_its_name(embedder):
    # "Legacoop Produzione e Servizi," / "Italy": the wrapped line ends a sentence, no label.
    cards = [("Our Board", HEADING, 1)]
    for role, name, organisation in [
        ("PRESIDENT", "Giuseppe Guerini", "Confcooperative,\nItaly"),
        ("VICE PRESIDENT", "Francesca Montalti", "Legacoop Produzione e Servizi,\nItaly"),
        ("VICE PRESIDENT-TREASURER", "Anne-Laure Desgris", "Smart,\nBelgium"),
    ]:
        cards += [(role, "paragraph", 0), (name, HEADING, 2), (organisation, "paragraph", 0)]
    options = ChunkingOptions(target_tokens=24, overlap_tokens=4, min_tokens=12)
    chunks = chunk_document(_document(cards), embedder.count_tokens, options)
    holding_name = [c.text for c in chunks if "Anne-Laure Desgris" in c.text]
    assert holding_name and all("VICE PRESIDENT-TREASURER" in t for t in holding_name)
    assert not any(c.text.rstrip().endswith("TREASURER") for c in chunks)


def test_a_role_under_an_avatars_initials_moves_with_its_name(embedder):
    # Each card: the initials drawn in a circle, the role, the name (a heading), the body.
    cards = [("Our Board", HEADING, 1)]
    for initials, role, name, organisation in [
        ("GG", "President", "Giuseppe Guerini", "Confcooperative, Italy"),
        ("FM", "Vice President", "Francesca Montalti", "Legacoop Produzione e Servizi, Italy"),
        ("AD", "Vice President-Treasurer", "Anne-Laure Desgris", "Smart, Belgium"),
        ("SS", "Board member", "Silvia Spadaro", "Confcooperative Lavoro e Servizi, Italy"),
    ]:
        cards += [(initials, "paragraph", 0), (role, "paragraph", 0), (name, HEADING, 2)]
        cards.append((organisation, "paragraph", 0))
    options = ChunkingOptions(target_tokens=24, overlap_tokens=4, min_tokens=12)
    chunks = chunk_document(_document(cards), embedder.count_tokens, options)
    for role, name in [("Vice President-Treasurer", "Anne-Laure Desgris"), ("Board", "Silvia")]:
        holding_name = [c.text for c in chunks if name in c.text]
        assert holding_name and all(role in t for t in holding_name), [c.text for c in chunks]
    assert not any(c.text.rstrip().endswith(("Treasurer", "member", "AD")) for c in chunks)


def test_the_last_card_of_a_section_does_not_open_the_next_section(embedder):
    # "Who we are" > "Our Board" > a heading per card; then "Our Staff" > cards of its own
    blocks = [("Who we are", HEADING, 1), ("Our Board", HEADING, 2)]
    for initials, role, name in [
        ("GG", "President", "Giuseppe Guerini"),
        ("FM", "Vice President", "Francesca Montalti"),
        ("SS", "Board member", "Silvia Spadaro"),
        ("MM", "Board member", "Massimo Mota"),
    ]:
        blocks += [(initials, "paragraph", 0), (role, "paragraph", 0), (name, HEADING, 3)]
        blocks.append(("Confcooperative Lavoro e Servizi, Italy", "paragraph", 0))
    blocks += [("Our Staff", HEADING, 2)]
    for name, role in [("Diana Dovgan", "Secretary General"), ("Ilaria Buttu", "Communications")]:
        blocks += [(name, HEADING, 3), (role, "paragraph", 0)]
    options = ChunkingOptions(target_tokens=40, overlap_tokens=4, min_tokens=30)
    chunks = chunk_document(_document(blocks), embedder.count_tokens, options)
    texts = [c.text for c in chunks]
    assert any("Massimo Mota" in t for t in texts), texts
    assert not any("Massimo Mota" in t and "Our Staff" in t for t in texts), texts
    staff = [c for c in chunks if "Diana Dovgan" in c.text]
    assert staff and all("Our Staff" in c.section for c in staff), [c.section for c in chunks]


def test_a_cover_heading_starting_the_title_is_not_a_section(embedder):
    document = _document(
        [
            ("Activity Report", HEADING, 1),
            ("The European confederation of industrial and service cooperatives.", "paragraph", 0),
            ("Our Board", HEADING, 1),
            ("The board met twice during the year to prepare the assembly.", "paragraph", 0),
        ]
    )
    chunks = chunk_document(document, embedder.count_tokens, ChunkingOptions(min_tokens=4))
    assert [c.section for c in chunks] == ["", "Our Board"]
