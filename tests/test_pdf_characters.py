"""PDF text made plain: ligatures, Unicode hyphens and letter-spaced words."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from ingest.pdf_characters import document_words, join_spaced_letters
from ingest.pdf_loader import load_pdf
from tests.conftest import write_raw_pdf

# A font whose ToUnicode map gives code 1 as the "fi" ligature and code 2 as U+2010, the
# way a designed report's embedded font does.
TO_UNICODE = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Ligatures def 1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfchar <01> <FB01> <02> <2010> endbfchar
1 beginbfrange <20> <7E> <0020> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def write_pdf_with_ligatures(path: Path, lines: list[bytes]) -> Path:
    """Write a one-page PDF showing ``lines`` in a font with a ligature ToUnicode map."""
    text = b" ".join(b"(" + line + b") Tj T*" for line in lines)
    content = b"BT /F1 11 Tf 14 TL 60 760 Td " + text + b" ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    to_unicode = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(TO_UNICODE), TO_UNICODE)
    return write_raw_pdf(path, content, {b"F1": font}, (to_unicode,))


def test_ligatures_and_unicode_hyphens_become_plain_letters(tmp_path: Path) -> None:
    path = write_pdf_with_ligatures(
        tmp_path / "ligatures.pdf",
        [
            b"Our \x01nancial report counts the self\x02employed members of each federation.",
            b"It was \x01nished in May and sent to every member of the board.",
        ],
    )
    text = load_pdf(path).text
    assert "Our financial report counts the self-employed members" in text
    assert "It was finished in May" in text
    assert not set(text) & {"\ufb01", "\u2010"}


def test_a_letter_spaced_heading_is_read_as_words(tmp_path: Path) -> None:
    # Each letter placed on its own comes out of the extractor as "F U L L M E M B E R S".
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    x = 60
    for char in "FULL MEMBERS":
        if char != " ":
            pdf.text(x, 100, char)
        x += 16
    pdf.set_font("Helvetica", "", 11)
    pdf.set_xy(60, 120)
    pdf.multi_cell(0, 14, "Our full members are the national federations of each country. " * 4)
    pdf.output(str(tmp_path / "spaced.pdf"))
    blocks = load_pdf(tmp_path / "spaced.pdf").blocks
    assert blocks[0].text == "FULL MEMBERS"


WORDS = document_words(
    [
        "CECOP has full members, and it is part of networks that are a bigger family.",
        "2024 at a glance: the year in our advocacy work.",
    ]
)


@pytest.mark.parametrize(
    ("spaced", "joined"),
    [
        ("F U L L M E M B E R S", "FULL MEMBERS"),
        ("P A R T O F A B I G G E R F A M I L Y", "PART OF A BIGGER FAMILY"),
        ("2 0 2 4 A T A G L A N C E", "2024 AT A GLANCE"),
        # a kerned pair comes out together; "associated" is not in the text, "members" is
        ("A S S O C I AT E D M E M B E R S", "ASSOCIATED MEMBERS"),
        # "partner" is known from "partners", so it is not cut into "part" and "ner"
        ("C E C O P i s a p a r t n e r", "CECOP is a partner"),
        ("Annual report: O U R A D V O C A C Y W O R K", "Annual report: OUR ADVOCACY WORK"),
        # "affiliates" is known from "affiliated", so it is not cut into "affiliat" and "es"
        ("N E T W O R K A F F I L I AT E S", "NETWORK AFFILIATES"),
        # prose with short words is left alone
        ("it is a key to the work", "it is a key to the work"),
    ],
)
def test_letter_spaced_runs_are_split_into_the_documents_words(spaced: str, joined: str) -> None:
    assert join_spaced_letters(spaced, WORDS | {"partners", "affiliated", "es"}) == joined


# A report whose tightly set lines lost their word gaps, and lines that kept them.
SPACED_LINES = [
    "We thank our interns in 2024 for their work.",
    "Our interns in 2024 helped the members and the secretariat.",
    "The members met the secretariat to discuss the statement in the assembly.",
    "The assembly met, adopted the statement and thanked the members.",
    "Giuseppina Colosimo sits on the board for the members.",
]
GLUED_LINES = [
    "ourinternsin2024helpedthesecretariat",
    "themembersmetthesecretariatinthe assembly",
    "Theassemblyadoptedthestatementandthankedthemembers.",
]


def test_words_run_together_by_lost_gaps_are_split_into_the_documents_words() -> None:
    from ingest.pdf_characters import split_glued_words

    split = split_glued_words(SPACED_LINES + GLUED_LINES)
    assert split[: len(SPACED_LINES)] == SPACED_LINES  # words used once stay whole
    assert split[len(SPACED_LINES) :] == [
        "our interns in 2024 helped the secretariat",
        "the members met the secretariat in the assembly",
        "The assembly adopted the statement and thanked the members.",
    ]


def test_a_document_without_lost_gaps_is_left_as_it_is() -> None:
    from ingest.pdf_characters import split_glued_words

    # one long run is a word, a hashtag or a name; only several show the gaps were lost
    lines = [*SPACED_LINES, "ourinternsin2024helpedthesecretariat", "#CoopSkills2023"]
    assert split_glued_words(lines) == lines


# A composite font as XeTeX embeds one: two-byte codes, a ToUnicode map with no code for the
# space (words are placed apart, no space is drawn), and a wide glyph at code 32.
SPACELESS_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Spaceless def 1 begincodespacerange <0000> <FFFF> endcodespacerange
1 beginbfrange <0021> <007E> <0021> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""
GLYPH = 500  # every letter's width, in thousandths of an em
CODE_32 = 600  # the glyph at code 32, which is no space


def write_spaceless_pdf(path: Path, lines: list[str], size: float = 10, gap: float = 0.2) -> Path:
    """Write a page whose words are each placed ``gap`` em after the one before, in a Type0
    font that has no space glyph."""
    shown = []
    for number, line in enumerate(lines):
        x = 0.0
        for word in line.split():
            codes = "".join(f"{ord(char):04X}" for char in word).encode()
            shown.append(
                b"BT /F1 %g Tf %.2f %d Td <%s> Tj ET" % (size, 60 + x, 760 - 14 * number, codes)
            )
            x += size * (len(word) * GLYPH / 1000 + gap)
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Lato /Encoding /Identity-H"
        b" /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>"
    )
    to_unicode = b"<< /Length %d >>\nstream\n%s\nendstream" % (
        len(SPACELESS_TO_UNICODE),
        SPACELESS_TO_UNICODE,
    )
    descendant = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Lato /CIDSystemInfo << /Registry (Adobe)"
        b" /Ordering (Identity) /Supplement 0 >> /DW %d /W [32 [%d] 33 126 %d] >>"
        % (GLYPH, CODE_32, GLYPH)
    )
    return write_raw_pdf(path, b"\n".join(shown), {b"F1": font}, (to_unicode, descendant))


def test_words_placed_apart_in_a_font_without_a_space_stay_apart(tmp_path: Path) -> None:
    # the gaps (a fifth of an em) are narrower than half the glyph at code 32
    lines = [
        "The owners of the firm retired without a successor and the",
        "employees took the business over as a worker cooperative.",
    ]
    text = load_pdf(write_spaceless_pdf(tmp_path / "spaceless.pdf", lines)).text
    assert " ".join(lines) in " ".join(text.split())
    # a gap as narrow as kerning is no word gap
    kerned = write_spaceless_pdf(tmp_path / "kerned.pdf", ["co op"], gap=0.05)
    assert "coop" in load_pdf(kerned).text


# A font whose ligature glyph (code 0100) maps to U+0000, as Qt's PDF engine writes Lato's
# "ti", "tt" and "ft"; the other codes are their characters.
UNMAPPED_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Unmapped def 1 begincodespacerange <0000> <FFFF> endcodespacerange
1 beginbfrange <0020> <007E> <0020> endbfrange
1 beginbfchar <0100> <0000> endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end"""
LIGATURE = "|"  # where a line drawn by write_ligature_pdf shows the unmapped glyph


def write_ligature_pdf(path: Path, lines: list[str]) -> Path:
    """Write a page of lines in a Type0 font, ``LIGATURE`` drawn as the unmapped glyph."""
    shown = []
    for number, line in enumerate(lines):
        codes = "".join("0100" if c == LIGATURE else f"{ord(c):04X}" for c in line).encode()
        shown.append(b"BT /F1 10 Tf 60 %d Td <%s> Tj ET" % (760 - 14 * number, codes))
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Lato /Encoding /Identity-H"
        b" /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>"
    )
    to_unicode = b"<< /Length %d >>\nstream\n%s\nendstream" % (
        len(UNMAPPED_TO_UNICODE),
        UNMAPPED_TO_UNICODE,
    )
    descendant = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Lato /CIDSystemInfo << /Registry (Adobe)"
        b" /Ordering (Identity) /Supplement 0 >> /DW %d >>" % GLYPH
    )
    return write_raw_pdf(path, b"\n".join(shown), {b"F1": font}, (to_unicode, descendant))


def test_unmapped_ligatures_are_spelt_as_the_words_they_make(tmp_path: Path) -> None:
    lines = [
        "The publica|on on coopera|ves came out a|er the shi| to be|er rules.",
        "Co-editors: Ilaria Bu|u and Diana Dovgan",
        "ILARIA BUTTU, COMMUNICATIONS OFFICER",
    ]
    text = " ".join(load_pdf(write_ligature_pdf(tmp_path / "ligatures.pdf", lines)).text.split())
    assert "The publication on cooperatives came out after the shift to better rules." in text
    # a name is read as the document spells it elsewhere, in capitals without ligatures
    assert "Ilaria Buttu and Diana Dovgan" in text
    assert "\x00" not in text


def test_an_unmapped_glyph_no_spelling_explains_takes_the_usual_letters() -> None:
    from ingest.pdf_characters import restore_unmapped_ligatures

    texts = ["the na\x00onal rela\x00ons of Nikole\x00 Szolnoki", "\x00 alone", "untouched"]
    restored = restore_unmapped_ligatures(texts, {"national", "relations"})
    assert restored == ["the national relations of Nikoleti Szolnoki", " alone", "untouched"]
    assert restore_unmapped_ligatures(["no glyph here"]) == ["no glyph here"]
