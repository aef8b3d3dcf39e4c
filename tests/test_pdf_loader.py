"""Tests for ingest.pdf_loader on PDFs written by fpdf2 and read back with pypdf."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from ingest.document import HEADING
from ingest.errors import LoadError
from ingest.pdf_loader import load_pdf, page_lines
from tests.conftest import write_raw_pdf

RUNNING_HEADER = "CECOP - Activity Report 2024"
BODY_SENTENCE = "Worker cooperatives across Europe kept jobs and skills in their regions. "
LONG_SENTENCES = " ".join(
    f"Sentence {number} tells how industrial cooperatives invest in their workers."
    for number in range(60)
)


class ReportPDF(FPDF):
    """A report with a running header on every page but the cover and a page-number footer."""

    def __init__(self, footer: str = "Page {n}", header: str = RUNNING_HEADER) -> None:
        """Set up an A4 report with the given footer and header formats."""
        super().__init__(format="A4")
        self.footer_format = footer
        self.header_format = header
        self.set_auto_page_break(True, margin=25)

    def header(self) -> None:
        """Draw the running header from the second page on."""
        if self.page_no() > 1:
            self.set_font("Helvetica", "", 9)
            self.cell(0, 8, self.header_format.format(n=self.page_no()))
            self.ln(12)

    def footer(self) -> None:
        """Draw the page-number footer."""
        self.set_y(-15)
        self.set_font("Helvetica", "", 9)
        self.cell(0, 10, self.footer_format.format(n=self.page_no(), nb="{nb}"), align="C")

    def heading(self, text: str, size: int) -> None:
        """Write a bold heading line."""
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def paragraph(self, text: str) -> None:
        """Write an 11 pt body paragraph followed by a gap."""
        self.set_font("Helvetica", "", 11)
        self.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def lines(self, *lines: str) -> None:
        """Write body lines exactly as given, one per line, as one paragraph."""
        self.set_font("Helvetica", "", 11)
        for line in lines:
            self.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)


def build_report(path: Path, footer: str = "Page {n}", header: str = RUNNING_HEADER) -> Path:
    """Write a four-page activity report with a cover, headings and a paragraph over a page."""
    pdf = ReportPDF(footer=footer, header=header)
    pdf.alias_nb_pages("{nb}")
    pdf.set_title("CECOP Activity Report 2024")
    pdf.set_creation_date(datetime(2025, 5, 20, 9, 0, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 26)
    pdf.multi_cell(0, 14, "Activity Report 2024", new_x="LMARGIN", new_y="NEXT")
    pdf.paragraph("The European confederation of industrial and service cooperatives")
    pdf.add_page()
    pdf.heading("Our advocacy work in 2024", 16)
    pdf.heading("Platform Work Directive", 13)
    pdf.paragraph(BODY_SENTENCE * 5)
    pdf.lines(
        "In Spain a self-employed designer who joined a coopera-",
        "tive explained the directive to the rapporteur in March.",
    )
    pdf.heading("Public procurement", 13)
    pdf.paragraph(LONG_SENTENCES)
    pdf.paragraph("A short closing paragraph after the long one.")
    pdf.heading("Projects", 16)
    pdf.paragraph(BODY_SENTENCE * 3)
    pdf.output(str(path))
    return path


def raw_page_text(path: Path, page: int) -> str:
    """Return pypdf's own text of a 1-based page with whitespace collapsed."""
    return re.sub(r"\s+", " ", PdfReader(path).pages[page - 1].extract_text())


def all_block_text(path: Path) -> list[str]:
    """Return the text of every block of a loaded PDF."""
    return [block.text for block in load_pdf(path).blocks]


@pytest.mark.parametrize("footer", ["Page {n}", "{n}", "{n} / {nb}", "- {n} -", "Page {n} of {nb}"])
def test_running_header_and_page_numbers_are_removed(tmp_path: Path, footer: str) -> None:
    path = build_report(tmp_path / "report.pdf", footer=footer)
    texts = all_block_text(path)
    assert not [text for text in texts if RUNNING_HEADER in text]
    assert not [
        text for text in texts if re.search(r"^(Page )?-? ?\d+( / \d+| of \d+)? ?-?$", text)
    ]
    assert not [text for text in texts if re.search(r"Page \d", text)]
    assert any(text.startswith("Worker cooperatives across Europe") for text in texts)


def test_header_carrying_the_page_number_is_removed(tmp_path: Path) -> None:
    path = build_report(tmp_path / "report.pdf", header=RUNNING_HEADER + " | {n}")
    assert not [text for text in all_block_text(path) if "CECOP - Activity" in text]


def test_footer_drawn_before_the_body_is_still_removed(tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for number in range(1, 4):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 9)
        pdf.text(100, 290, f"{number} / 3")
        pdf.text(20, 12, "CECOP newsletter")
        pdf.set_font("Helvetica", "", 11)
        pdf.set_xy(20, 30)
        pdf.multi_cell(170, 6, f"Body text of page {number}. " + BODY_SENTENCE * 3)
    pdf.output(str(tmp_path / "odd.pdf"))
    texts = all_block_text(tmp_path / "odd.pdf")
    assert len(texts) == 3
    assert all(text.startswith("Body text of page") for text in texts)


def test_word_hyphenated_at_a_line_end_is_joined(tmp_path: Path) -> None:
    text = load_pdf(build_report(tmp_path / "report.pdf")).text
    assert "joined a cooperative explained" in text
    assert "coopera-" not in text
    assert "self-employed" in text


def test_a_word_hyphenated_before_a_capital_is_joined_when_the_document_uses_it_whole(
    tmp_path: Path,
) -> None:
    pdf = ReportPDF()
    pdf.add_page()
    pdf.heading("CECOP and its cooperatives", 16)
    pdf.lines(
        "Last spring the board of CE-",
        "COP met the Franco-",
        "German working group and the co-",
        "operatives of both countries.",
    )
    pdf.output(str(tmp_path / "hyphens.pdf"))
    text = load_pdf(tmp_path / "hyphens.pdf").text
    assert "the board of CECOP met the Franco-German working group" in text
    assert "and the cooperatives of both countries." in text


def test_paragraph_over_a_page_break_is_one_block_with_both_pages(tmp_path: Path) -> None:
    path = build_report(tmp_path / "report.pdf")
    document = load_pdf(path)
    block = next(block for block in document.blocks if block.text.startswith("Sentence 0 "))
    assert block.text.endswith(
        "Sentence 59 tells how industrial cooperatives invest in their workers."
    )
    assert len(block.pages) == 2
    (first_offset, first_page), (offset, next_page) = block.pages
    assert first_offset == 0 and next_page == first_page + 1
    before, after = block.text[:offset].split(), block.text[offset:].split()
    page_before, page_after = raw_page_text(path, first_page), raw_page_text(path, next_page)
    words_before, words_after = " ".join(before[-12:]), " ".join(after[:12])
    assert words_before in page_before and words_before not in page_after
    assert words_after in page_after and words_after not in page_before
    assert block.pages_of(0, 10) == (first_page, first_page)
    assert block.pages_of(offset, offset + 10) == (next_page, next_page)


def test_word_hyphenated_over_a_page_break_is_joined_and_both_pages_kept(tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    number = 0
    while pdf.get_y() + 12 <= pdf.page_break_trigger:
        number += 1
        pdf.cell(
            0,
            6,
            f"line {number} of a paragraph on worker ownership and",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.cell(0, 6, "the experience of one member of a coopera-", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "tive that exports machines to Asia.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "break.pdf"))
    (block,) = load_pdf(tmp_path / "break.pdf").blocks
    assert block.text.endswith("one member of a cooperative that exports machines to Asia.")
    assert block.pages[0] == (0, 1) and block.pages[1][1] == 2 and len(block.pages) == 2
    assert block.text[block.pages[1][0] :].startswith("tive that exports")


def test_every_block_starts_with_its_page(tmp_path: Path) -> None:
    document = load_pdf(build_report(tmp_path / "report.pdf"))
    for block in document.blocks:
        assert block.pages and block.pages[0][0] == 0
        assert [page for _, page in block.pages] == sorted({page for _, page in block.pages})


def test_headings_are_recognised_with_levels(tmp_path: Path) -> None:
    document = load_pdf(build_report(tmp_path / "report.pdf"))
    headings = [(block.text, block.level) for block in document.blocks if block.kind == HEADING]
    assert headings == [
        ("Activity Report 2024", 1),
        ("Our advocacy work in 2024", 1),
        ("Platform Work Directive", 2),
        ("Public procurement", 2),
        ("Projects", 1),
    ]
    kinds = [block.kind for block in document.blocks]
    assert kinds.index(HEADING, 2) < len(kinds) - 1


def test_headings_without_font_differences_are_found_by_form(tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    for title in ("1. Introduction", "1.1 Why Cooperatives Matter", "2. Our Proposals"):
        pdf.multi_cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, BODY_SENTENCE * 3, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "plain.pdf"))
    document = load_pdf(tmp_path / "plain.pdf")
    headings = [(block.text, block.level) for block in document.blocks if block.kind == HEADING]
    assert headings == [
        ("1. Introduction", 1),
        ("1.1 Why Cooperatives Matter", 2),
        ("2. Our Proposals", 1),
    ]


def test_title_page_count_and_date(tmp_path: Path) -> None:
    path = build_report(tmp_path / "report.pdf")
    document = load_pdf(path)
    assert document.title == "CECOP Activity Report 2024"
    assert document.date == "2025-05-20"
    assert document.page_count == len(PdfReader(path).pages) == 3
    assert document.media_type == "pdf"
    assert document.source == str(path)
    assert document.language == "en"
    assert load_pdf(path, source="reports/ar-2024.pdf").source == "reports/ar-2024.pdf"


def test_title_and_date_come_from_the_cover_without_metadata(tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_title("Microsoft Word - AR_2024_final_v3.docx")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 24)
    pdf.multi_cell(0, 12, "Cooperatives and the Green Transition", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Published in May 2025", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, BODY_SENTENCE * 3, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "cover.pdf"))
    document = load_pdf(tmp_path / "cover.pdf")
    assert document.title == "Cooperatives and the Green Transition"
    assert document.date == "2025-05"


def write_simple_pdf(path: Path, text: str = BODY_SENTENCE, **encryption: str) -> Path:
    """Write a one-page PDF, encrypted when passwords are given."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.output(str(path))
    return path


def load_error(path: Path) -> str:
    """Return the reason load_pdf gives for refusing ``path``."""
    with pytest.raises(LoadError) as caught:
        load_pdf(path)
    assert caught.value.source == str(path)
    return caught.value.reason


def test_encrypted_pdf_with_empty_user_password_opens(tmp_path: Path) -> None:
    path = write_simple_pdf(tmp_path / "open.pdf", owner_password="owner", user_password="")
    assert PdfReader(path).is_encrypted
    assert load_pdf(path).text == BODY_SENTENCE.strip()


def test_encrypted_pdf_with_a_password_is_refused(tmp_path: Path) -> None:
    path = write_simple_pdf(tmp_path / "locked.pdf", owner_password="owner", user_password="pw")
    assert load_error(path) == "PDF is encrypted and needs a password"


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    data = build_report(tmp_path / "report.pdf").read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    assert load_error(truncated).startswith("PDF is damaged or truncated: ")


def test_pdf_with_a_damaged_body_is_refused(tmp_path: Path) -> None:
    data = bytearray(write_simple_pdf(tmp_path / "simple.pdf").read_bytes())
    data[20:-30] = b"\x00garbage" * ((len(data) - 50) // 8) + b"\x00" * ((len(data) - 50) % 8)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(data))
    reason = load_error(damaged)
    assert reason.startswith(("PDF is damaged or truncated", "no extractable text"))


def test_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"<html><body>Not a PDF at all</body></html>")
    assert load_error(path) == "not a PDF file"


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert load_error(path) == "file is empty"


def test_image_only_pdf_has_no_extractable_text(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 90, 160)
    pdf.rect(20, 20, 120, 80, style="F")
    pdf.output(str(tmp_path / "scan.pdf"))
    assert load_error(tmp_path / "scan.pdf").startswith("no extractable text")


def test_page_without_text_is_a_warning(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "First page text.")
    pdf.add_page()
    pdf.rect(20, 20, 120, 80, style="F")
    pdf.add_page()
    pdf.multi_cell(0, 6, "Third page text.")
    pdf.output(str(tmp_path / "gap.pdf"))
    document = load_pdf(tmp_path / "gap.pdf")
    assert document.warnings == ["page 2 has no extractable text"]
    assert [(block.text, block.pages) for block in document.blocks] == [
        ("First page text.", [(0, 1)]),
        ("Third page text.", [(0, 3)]),
    ]


def test_too_many_pages_is_refused(tmp_path: Path) -> None:
    path = build_report(tmp_path / "report.pdf")
    with pytest.raises(LoadError, match="more than the 2 allowed"):
        load_pdf(path, max_pages=2)


def lines_after_a_paragraph(path: Path, *runs: list[str]) -> str:
    """Write full-width body text, then each run of lines as given; return the loaded text."""
    pdf = ReportPDF()
    pdf.add_page()
    pdf.heading("Imprint", 16)
    pdf.paragraph(BODY_SENTENCE * 6)
    for run in runs:
        pdf.lines(*run)
    pdf.paragraph(BODY_SENTENCE * 4)
    pdf.output(str(path))
    return load_pdf(path).text


def test_short_credit_lines_keep_their_line_breaks(tmp_path: Path) -> None:
    credits = ["Published in May 2025", "Authors: Francesca Zaganelli", "Design: Colectivo Verbena"]
    text = lines_after_a_paragraph(tmp_path / "credits.pdf", credits)
    assert "Published in May 2025\nAuthors: Francesca Zaganelli\nDesign: Colectivo Verbena" in text
    assert "Worker cooperatives across Europe kept jobs and skills in their regions. Worker" in text


def test_lines_of_a_narrow_column_are_joined_into_sentences(tmp_path: Path) -> None:
    # Lines half as long as the page's full ones, as in a two-column page: they wrap mid
    # sentence, so a capital at the start of the next line ("Porto", "Guided") does not make them
    # lines of their own, as credit lines are.
    column = [
        "In spring our delegation visited a bakery cooperative in",
        "Porto, where a Portuguese member of our network",
        "Guided us through the ovens and the shared accounts.",
    ]
    credits = ["Authors: Francesca Zaganelli", "Design: Colectivo Verbena"]
    text = lines_after_a_paragraph(tmp_path / "columns.pdf", column, credits)
    assert (
        "In spring our delegation visited a bakery cooperative in Porto, where a Portuguese "
        "member of our network Guided us through the ovens and the shared accounts." in text
    )
    assert "Authors: Francesca Zaganelli\nDesign: Colectivo Verbena" in text


def test_calendar_items_set_apart_keep_their_line_breaks(tmp_path: Path) -> None:
    items = [
        "Reaction to the Draghi report on the future of European competitiveness",
        "Webinar on the Platform Work Directive, with speakers from three member "
        "federations, two national ministries and the European Labour Authority, online",
        "Mutual learning session on gender equality",
    ]
    pdf = ReportPDF()
    pdf.add_page()
    pdf.heading("Year at a glance", 16)
    pdf.paragraph(BODY_SENTENCE * 6)
    pdf.heading("October", 13)
    pdf.set_font("Helvetica", "", 11)
    for item in items:  # a drawn dot, not a bullet character, and extra space between items
        pdf.ellipse(pdf.l_margin, pdf.get_y() + 2, 1.5, 1.5, style="F")
        pdf.set_x(pdf.l_margin + 5)
        pdf.multi_cell(0, 6, item, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)  # a sixth more than the leading: still one block
    pdf.paragraph(BODY_SENTENCE * 4)
    pdf.output(str(tmp_path / "calendar.pdf"))
    text = load_pdf(tmp_path / "calendar.pdf").text
    assert "\n".join(items) in text  # the wrapped item is still one line
    assert "Worker cooperatives across Europe kept jobs and skills in their regions. Worker" in text


CONTENTS = ["Introductory words", "2024 at a glance", "Our advocacy work in 2024", "Our Board"]


def contents_report(path: Path, entries: list[str], imprint: list[str] = ()) -> Path:
    """Write a report whose second page holds ``imprint`` lines and then ``entries``."""
    pdf = ReportPDF()
    pdf.add_page()
    pdf.heading("Activity Report 2024", 26)
    pdf.add_page()
    if imprint:
        pdf.lines(*imprint)
    pdf.heading("Contents", 16)
    pdf.lines(*entries)
    for title in CONTENTS:
        pdf.add_page()
        pdf.heading(title, 16)
        pdf.paragraph(BODY_SENTENCE * 3)
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("leader", [" ", " ........ ", "\t"])
def test_table_of_contents_page_is_dropped(tmp_path: Path, leader: str) -> None:
    entries = [f"{title}{leader}{page}" for title, page in zip(CONTENTS, [3, 4, 5, 6], strict=True)]
    path = contents_report(tmp_path / "report.pdf", entries)
    assert "Our Board" in raw_page_text(path, 2)
    text = load_pdf(path).text
    assert "Contents" not in text
    assert text.count("Our Board") == 1  # the heading on its own page, not the entry
    assert BODY_SENTENCE.strip() in text


def test_table_of_contents_under_the_imprint_drops_only_the_entries(tmp_path: Path) -> None:
    imprint = ["Published in May 2025", "Authors: Francesca Zaganelli", "Design: Colectivo Verbena"]
    entries = [f"{title} {page}" for title, page in zip(CONTENTS, [3, 4, 5, 6], strict=True)]
    text = load_pdf(contents_report(tmp_path / "report.pdf", entries, imprint)).text
    assert "\n".join(imprint) in text
    assert "Contents" not in text and "Our Board 6" not in text


def test_table_of_contents_with_wrapped_titles_and_spaced_leaders_is_dropped(
    tmp_path: Path,
) -> None:
    leader = " ." * 40 + " "
    entries = [
        f"Introductory words{leader}3",
        "Business environment for industrial and service cooperatives: cooperatives at the",
        f"centre of the European Industrial Strategy and the green transition{leader}4",
        f"Our advocacy work in 2024{leader}4",
        "Four-year partnership agreement with the European Commission under the European",
        f"Social Fund Plus{leader}5",
        f"Our Board{leader}6",
    ]
    text = load_pdf(contents_report(tmp_path / "report.pdf", entries)).text
    assert "Contents" not in text and "European Industrial Strategy" not in text
    assert "Social Fund Plus" not in text and text.count("Our Board") == 1
    assert BODY_SENTENCE.strip() in text


def test_lines_ending_in_numbers_out_of_order_are_kept(tmp_path: Path) -> None:
    figures = ["Member federations 27", "Countries 16", "Enterprises 40000", "Regions 9"]
    text = load_pdf(contents_report(tmp_path / "report.pdf", figures)).text
    assert "\n".join(figures) in text


def chapter_report(path: Path) -> Path:
    """Write a report whose running header names the chapter, with a lead paragraph set large
    under each chapter title and an infographic figure set larger than the titles."""
    pdf = ReportPDF(header="CECOP | Activity Report 2024")
    pdf.set_creation_date(datetime(2026, 1, 2, tzinfo=UTC))
    pdf.add_page()
    pdf.heading("Activity Report 2024", 26)
    pdf.add_page()
    pdf.lines("Copyright (c) 2025 CECOP", "Published in May 2025", "Design: Colectivo Verbena")
    for chapter in ("The network", "Our advocacy work", "Visibility"):
        pdf.header_format = "CECOP | Activity Report 2024 " + chapter.upper()
        pdf.add_page()
        pdf.heading(chapter, 20)
        pdf.set_font("Helvetica", "", 13)  # the lead paragraph
        pdf.multi_cell(0, 7, "CECOP belongs to its members. " + BODY_SENTENCE * 2)
        pdf.ln(4)
        pdf.heading("Working groups", 13)
        pdf.paragraph(BODY_SENTENCE * 4)
        pdf.set_font("Helvetica", "B", 28)
        pdf.cell(0, 14, "7,300 users", new_x="LMARGIN", new_y="NEXT")
        pdf.paragraph("Visited the website in 2024.")
    pdf.output(str(path))
    return path


def test_running_header_naming_the_chapter_is_removed(tmp_path: Path) -> None:
    text = load_pdf(chapter_report(tmp_path / "report.pdf")).text
    assert "CECOP | Activity Report 2024" not in text
    assert "Our advocacy work" in text


def test_large_figures_and_lead_paragraphs_are_not_headings(tmp_path: Path) -> None:
    document = load_pdf(chapter_report(tmp_path / "report.pdf"))
    headings = [(block.text, block.level) for block in document.blocks if block.kind == HEADING]
    assert headings[:4] == [
        ("Activity Report 2024", 1),
        ("The network", 1),  # not pushed under "7,300 users", set larger
        ("Working groups", 2),
        ("Our advocacy work", 1),
    ]
    paragraphs = [block.text for block in document.blocks if block.kind != HEADING]
    assert any(text.startswith("CECOP belongs to its members.") for text in paragraphs)
    assert any(text.startswith("7,300 users") for text in paragraphs)


def test_date_comes_from_the_imprint_before_the_file_date(tmp_path: Path) -> None:
    assert load_pdf(chapter_report(tmp_path / "report.pdf")).date == "2025-05"


def column_page(path: Path, left: list[str], right: list[str], bold: set[str] = ()) -> str:
    """Write a full-width paragraph, then two columns of lines as given; return the text.

    Lines named in ``bold`` are set in bold at the body size, as a title within a sentence.
    """
    pdf = ReportPDF()
    pdf.add_page()
    pdf.heading("Our advocacy work", 16)
    pdf.paragraph(BODY_SENTENCE * 6)
    top = pdf.get_y()
    for x, lines in ((pdf.l_margin, left), (110, right)):
        pdf.set_xy(x, top)
        for line in lines:
            pdf.set_font("Helvetica", "B" if line in bold else "", 11)
            pdf.cell(85, 6, line, new_x="LEFT", new_y="NEXT")
    pdf.output(str(path))
    return load_pdf(path).text


COLUMN_LEFT = [
    "Last winter our president spoke at a",
    "conference held by the rotating Council",
    "presidency about the social economy and the",
    "transitions. On its second day, 19",
    "European governments endorsed a roadmap",
    "for the social economy across the Union.",
    "That roadmap asks every government to set",
    "itself clear goals for social economy policy",
    "and to prepare a new plan before 2030.",
]


def test_a_short_line_of_a_column_is_measured_against_the_column(tmp_path: Path) -> None:
    # "transitions. On its second day, 19" is short beside the page's full lines but not
    # beside its column's: its line break is a wrap, so "19" stays with "European".
    right = [
        "Members met in Rome for the General",
        "Assembly, hosted by our Italian member,",
        "and agreed the plan of work for the year",
        "ahead, with two working groups on public",
        "procurement and on the transformation of",
        "work, including artificial intelligence and",
        "data cooperatives, and a new visit for",
        "members to the European institutions in",
        "Brussels at the end of the year.",
    ]
    text = column_page(tmp_path / "columns.pdf", COLUMN_LEFT, right)
    assert "On its second day, 19 European governments endorsed a roadmap" in text


def test_a_bold_title_within_a_column_sentence_is_not_a_heading(tmp_path: Path) -> None:
    right = [
        "Our team presented its proposals at the event on",
        "Quality care jobs for every region:",
        "Building alliances between users and the",
        "care workers and at a hearing held",
        "by a platform of social organisations.",
        "Later we joined 16 networks in a letter",
        "asking the Commission to publish clear",
        "reports on how the strategy is applied,",
        "so that its progress can be followed.",
    ]
    bold = {right[1], right[2]}
    path = tmp_path / "bold.pdf"
    text = column_page(path, COLUMN_LEFT, right, bold)
    headings = [block.text for block in load_pdf(path).blocks if block.kind == HEADING]
    assert headings == ["Our advocacy work"]
    assert (
        "at the event on Quality care jobs for every region: Building alliances between users "
        "and the care workers" in text
    )


def test_bold_opening_lines_of_list_items_are_not_headings(tmp_path: Path) -> None:
    # Each item opens with a bold line at the body size that breaks a word or runs on into
    # the regular text in lower case: the item's first words, not a section heading.
    pdf = ReportPDF()
    pdf.add_page()
    pdf.heading("Three publications", 16)
    pdf.paragraph(BODY_SENTENCE * 3)
    items = [
        ("The Manifesto: our members set out their hopes for the elec-", "tions of 2024."),
        ("The Snapshot: a study counting the workers of our member", "cooperatives in 2023."),
    ]
    for bold_line, regular_line in items:
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 6, bold_line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(0, 6, regular_line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.heading("Board Members", 11)
    pdf.paragraph("Our board meets four times a year to follow the plan of work.")
    pdf.output(str(tmp_path / "items.pdf"))
    document = load_pdf(tmp_path / "items.pdf")
    headings = [block.text for block in document.blocks if block.kind == HEADING]
    assert headings == ["Three publications", "Board Members"]
    assert "hopes for the elections of 2024." in document.text
    assert "the workers of our member cooperatives in 2023." in document.text


def test_a_dash_opening_a_wrapped_line_carries_the_sentence_on(tmp_path: Path) -> None:
    # "2024" / "- 2029" is a range broken at the line end, not the start of a list; a dash
    # after a line that ends with a colon still starts a list item.
    pdf = ReportPDF()
    pdf.add_page()
    pdf.heading("Our priorities", 16)
    pdf.paragraph(BODY_SENTENCE * 4)
    pdf.lines(
        "Industrial and service cooperatives of all our member federations agreed on their "
        "priorities for 2024",
        "- 2029 and collected them in a manifesto presented to candidates across Europe.",
    )
    pdf.lines("The manifesto asks for three things:", "- fair public procurement", "- decent work")
    pdf.output(str(tmp_path / "range.pdf"))
    text = load_pdf(tmp_path / "range.pdf").text
    assert "agreed on their priorities for 2024 - 2029 and collected them" in text
    assert "three things:\n\n- fair public procurement\n- decent work" in text


def test_a_name_card_does_not_run_on_into_the_next_card_label(tmp_path: Path) -> None:
    # Cards side by side, each "role / name / organisation": the first card's organisation
    # is not a sentence going on into the next card's role, up and to the right of it.
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.set_xy(60, 60)
    pdf.multi_cell(470, 14, BODY_SENTENCE * 5)
    cards = [("PRESIDENT", "GIUSEPPE GUERINI", "Confcooperative, Italy"),
             ("VICE PRESIDENT-TREASURER", "ANNE-LAURE DESGRIS", "Smart, Belgium")]  # fmt: skip
    for x, (role, name, organisation) in zip((60, 300), cards, strict=True):
        pdf.set_font("Helvetica", "", 8)
        pdf.text(x, 400, role)
        pdf.set_font("Helvetica", "B", 13)
        pdf.text(x, 418, name)
        pdf.set_font("Helvetica", "", 9)
        pdf.text(x, 434, organisation)
    pdf.output(str(tmp_path / "cards.pdf"))
    texts = [block.text for block in load_pdf(tmp_path / "cards.pdf").blocks]
    assert "Confcooperative, Italy" in texts
    assert not any("Italy VICE" in text or "Italy\nVICE" in text for text in texts)


def test_a_pull_quote_repeating_the_text_is_dropped(tmp_path: Path) -> None:
    pdf = ReportPDF()
    pdf.add_page()
    pdf.heading("Our advocacy work", 16)
    pdf.paragraph(
        "In our view, care should be funded as a public investment in communities rather "
        "than counted as a cost. " + BODY_SENTENCE * 3
    )
    pdf.set_font("Helvetica", "", 16)
    pdf.multi_cell(0, 8, '"Care should be funded as a public investment in communities."')
    pdf.ln(4)
    pdf.paragraph(BODY_SENTENCE * 2 + '"Care is work, and work deserves pay," said a member.')
    pdf.output(str(tmp_path / "quote.pdf"))
    document = load_pdf(tmp_path / "quote.pdf")
    assert document.text.count("public investment") == 1
    assert '"Care is work, and work deserves pay," said a member.' in document.text
    assert [b.text for b in document.blocks if b.kind == HEADING] == ["Our advocacy work"]


def test_a_sentence_of_the_text_set_as_large_as_a_heading_is_dropped(tmp_path: Path) -> None:
    pdf = ReportPDF()
    pdf.add_page()
    pdf.heading("Our advocacy work", 16)
    pdf.heading("Next year will give our members the visibility they deserve!", 16)
    pdf.paragraph(BODY_SENTENCE * 4)
    pdf.paragraph(
        "We look forward to new partners. Next year will give our members the visibility "
        "they deserve! " + BODY_SENTENCE * 2
    )
    pdf.output(str(tmp_path / "quote.pdf"))
    document = load_pdf(tmp_path / "quote.pdf")
    assert document.text.count("visibility they deserve") == 1
    assert [b.text for b in document.blocks if b.kind == HEADING] == ["Our advocacy work"]


def test_items_of_a_narrow_column_set_apart_keep_their_line_breaks(tmp_path: Path) -> None:
    # A calendar column without bullets: most items fit one line, so the wider gap between
    # items is the commonest one, and the leading is read from the narrower gaps.
    items = [
        ["Board meeting in Brussels"],
        ["Assembly of the members in Lisbon,", "hosted by a national federation"],
        ["Report of activity for the year"],
        ["Webinar on public procurement rules"],
        ["Visit of a Bulgarian member federation"],
        ["Second board meeting, online"],
        ["Mutual learning session on equality"],
        ["New story of a bakery cooperative"],
    ]
    pdf = ReportPDF()
    pdf.add_page()
    pdf.heading("Year at a glance", 16)
    pdf.paragraph(BODY_SENTENCE * 6)
    pdf.set_font("Helvetica", "", 11)
    for item in items:
        for line in item:
            pdf.cell(85, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(tmp_path / "calendar.pdf"))
    text = load_pdf(tmp_path / "calendar.pdf").text
    assert "Board meeting in Brussels\nAssembly of the members in Lisbon," in text
    assert "Report of activity for the year\nWebinar on public procurement rules" in text


def test_a_chapter_divider_set_larger_than_the_other_chapters_is_one_of_them(
    tmp_path: Path,
) -> None:
    """A one-off divider title ("Our advocacy work in" / "2024") does not nest the chapters."""
    pdf = ReportPDF()
    pdf.add_page()
    pdf.heading("Activity Report 2024", 26)
    pdf.paragraph(BODY_SENTENCE)
    pdf.add_page()
    pdf.heading("The network", 16)
    pdf.paragraph(BODY_SENTENCE * 4)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 30)
    pdf.multi_cell(0, 12, "Our advocacy work in\n2024", new_x="LMARGIN", new_y="NEXT")
    pdf.heading("Platform Work Directive", 13)
    pdf.paragraph(BODY_SENTENCE * 4)
    for chapter in ("Projects", "Visibility"):
        pdf.add_page()
        pdf.heading(chapter, 16)
        pdf.heading("Highlights", 13)
        pdf.paragraph(BODY_SENTENCE * 4)
    pdf.add_page()
    pdf.paragraph("Back cover: CECOP, Brussels.")
    pdf.output(str(tmp_path / "report.pdf"))
    document = load_pdf(tmp_path / "report.pdf")
    headings = [(block.text, block.level) for block in document.blocks if block.kind == HEADING]
    assert headings[1:] == [
        ("The network", 1),
        ("Our advocacy work in 2024", 1),
        ("Platform Work Directive", 2),
        ("Projects", 1),
        ("Highlights", 2),
        ("Visibility", 1),
        ("Highlights", 2),
    ]


# How Qt's PDF engine (wkhtmltopdf) writes text: each styled run in a graphics state of its
# own with a flipped text matrix, each glyph placed by itself. pypdf starts a new line at
# every run, though the runs share a baseline. Courier keeps every glyph one advance wide.
QT_SIZE, QT_ADVANCE = 17, 10.2
QT_FONTS = {
    b"F1": b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
    b"F2": b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold >>",
}


def qt_run(x: float, y: float, text: str, font: bytes = b"F1") -> bytes:
    """Return the content drawing ``text`` from (x, y) the way Qt's PDF engine does."""
    glyphs = []
    for n, character in enumerate(text):
        step = b"%.1f -%.1f Td" % (x, y) if n == 0 else b"%.1f 0 Td" % QT_ADVANCE
        glyphs.append(step + (b"" if character == " " else b" (%s) Tj" % character.encode()))
    return b"q 0.768 0 0 0.768 0 -21314.6 cm BT /%s %d Tf 1 0 0 -1 0 0 Tm %s ET Q\n" % (
        font,
        QT_SIZE,
        b" ".join(glyphs),
    )


def test_runs_along_one_baseline_are_one_line_and_text_drawn_twice_is_read_once(
    tmp_path: Path,
) -> None:
    # "... thanks go to", the names in bold, "and", each a run of its own; a card line drawn
    # twice a point apart, as a heavy weight is faked. The next line is a line of its own.
    content = b"0.75 0 0 -0.75 0 842 cm\n"
    x = 80.0
    sentence = [("Our warm thanks go to", b"F1"), ("Nathan Seigner", b"F2"),
                ("and", b"F1"), ("Daniel Tenorio", b"F2"), (", our interns.", b"F1")]  # fmt: skip
    for text, font in sentence:
        content += qt_run(x, 28700, text, font)
        x += QT_ADVANCE * (len(text) + 1)
    content += qt_run(80, 28750, "BOARD MEMBER", b"F2") + qt_run(79, 28750, "BOARD MEMBER", b"F2")
    content += qt_run(80, 28790, "Coop Finland", b"F1")
    path = write_raw_pdf(tmp_path / "qt.pdf", content, QT_FONTS)
    lines = [line.text for line in page_lines(PdfReader(path).pages[0], 1)]
    assert lines == [
        "Our warm thanks go to Nathan Seigner and Daniel Tenorio, our interns.",
        "BOARD MEMBER",
        "Coop Finland",
    ]
