"""Render the sample PDFs in samples/corpus/ from the markdown sources in samples/pdf-sources/.

Run from anywhere: ``python samples/build_pdfs.py``. The output is deterministic: every
document has a fixed creation date, so rebuilding produces the same bytes.

The sources use a deliberately small markdown subset: ``# `` for the title (shown on the
cover), ``## `` and ``### `` for headings, ``- `` for bullet items and blank lines between
paragraphs. Helvetica, a core PDF font, only covers Latin-1, so typographic characters are
replaced with ASCII equivalents before rendering.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "pdf-sources"
CORPUS = HERE / "corpus"

ORGANISATION = "THE EUROPEAN CONFEDERATION OF INDUSTRIAL AND SERVICE COOPERATIVES"


@dataclass(frozen=True)
class PdfSpec:
    """One PDF to build: its source name, corpus folder, labels and publication date."""

    name: str
    folder: str
    running_header: str
    subtitle: str
    published: dt.date
    keywords: str
    new_page_per_section: bool = True


SPECS = [
    PdfSpec(
        name="activity-report-2024",
        folder="reports",
        running_header="CECOP - Activity Report 2024",
        subtitle="A year of European elections, data and new working groups",
        published=dt.date(2025, 5, 20),
        keywords="activity report; 2024; European elections; SNAPSHOT; advocacy",
        new_page_per_section=False,
    ),
    PdfSpec(
        name="activity-report-2021",
        folder="reports",
        running_header="CECOP - Activity Report 2021",
        subtitle="Cooperatives through the pandemic and the road to an EU action plan",
        published=dt.date(2022, 5, 18),
        keywords="activity report; 2021; Social Economy Action Plan; platform work",
    ),
    PdfSpec(
        name="public-procurement-position-2023",
        folder="position-papers",
        running_header="CECOP - Position paper on public procurement (2023)",
        subtitle="CECOP position on the future of the EU public procurement directives",
        published=dt.date(2023, 11, 21),
        keywords="public procurement; reserved contracts; Directive 2014/24/EU; position paper",
        new_page_per_section=False,
    ),
    PdfSpec(
        name="draghi-report-response-2024",
        folder="position-papers",
        running_header="CECOP - Response to the Draghi report (2024)",
        subtitle="CECOP's response to the Draghi report on the future of EU competitiveness",
        published=dt.date(2024, 10, 10),
        keywords="Draghi report; competitiveness; worker buyouts; position paper",
        new_page_per_section=False,
    ),
]

ASCII_REPLACEMENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u2022": "-",
    "\u20ac": "EUR",
    "\u00a0": " ",
    "\u0219": "s",
    "\u021b": "t",
    "\u0142": "l",
}

BODY_SIZE = 10.5
LINE_HEIGHT = 5.4
HEADING_SIZES = {2: 16, 3: 12.5}


def to_latin1(text: str) -> str:
    """Return ``text`` with characters outside Latin-1 replaced by ASCII equivalents."""
    for char, replacement in ASCII_REPLACEMENTS.items():
        text = text.replace(char, replacement)
    return text.encode("latin-1", "replace").decode("latin-1")


@dataclass(frozen=True)
class SourceBlock:
    """A heading, paragraph or bullet item read from a markdown source."""

    kind: str  # "title" | "heading" | "paragraph" | "bullet"
    text: str
    level: int = 0


def parse_source(markdown: str) -> list[SourceBlock]:
    """Split a markdown source into title, heading, paragraph and bullet blocks."""
    blocks: list[SourceBlock] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(SourceBlock("paragraph", " ".join(paragraph)))
            paragraph.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("### "):
            flush()
            blocks.append(SourceBlock("heading", line[4:], 3))
        elif line.startswith("## "):
            flush()
            blocks.append(SourceBlock("heading", line[3:], 2))
        elif line.startswith("# "):
            flush()
            blocks.append(SourceBlock("title", line[2:], 1))
        elif line.startswith("- "):
            flush()
            blocks.append(SourceBlock("bullet", line[2:]))
        else:
            paragraph.append(line)
    flush()
    return blocks


class CecopPdf(FPDF):
    """An A4 document with a running header after the cover and a page-number footer."""

    def __init__(self, running_header: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_header = to_latin1(running_header)
        self.set_margins(left=22, top=24, right=22)
        self.set_auto_page_break(auto=True, margin=22)

    def header(self) -> None:
        """Draw the running header on every page except the cover."""
        if self.page_no() == 1:
            return
        self.set_y(10)
        self.set_font("Helvetica", size=8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, self.running_header, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, "www.cecop.coop", align="R")
        self.set_draw_color(200, 30, 45)
        self.line(self.l_margin, 16, self.w - self.r_margin, 16)
        self.set_text_color(0, 0, 0)
        self.set_y(24)

    def footer(self) -> None:
        """Draw the page number on every page."""
        self.set_y(-14)
        self.set_font("Helvetica", size=8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def draw_cover(pdf: CecopPdf, title: str, spec: PdfSpec) -> None:
    """Draw the cover page: organisation, title, subtitle and publication date."""
    pdf.add_page()
    pdf.set_fill_color(200, 30, 45)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_y(40)
    pdf.set_font("Helvetica", style="B", size=30)
    pdf.set_text_color(200, 30, 45)
    pdf.cell(0, 14, "CECOP", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(0, 5, ORGANISATION, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(100)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", style="B", size=26)
    pdf.multi_cell(0, 12, to_latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=13)
    pdf.multi_cell(0, 7, to_latin1(spec.subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(240)
    pdf.set_font("Helvetica", size=10)
    published = f"Brussels, {spec.published.day} {spec.published:%B %Y}"
    pdf.cell(0, 6, published, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "www.cecop.coop", new_x="LMARGIN", new_y="NEXT")


def draw_heading(pdf: CecopPdf, block: SourceBlock, spec: PdfSpec, first: bool) -> None:
    """Draw a level-2 or level-3 heading, opening a new page where the layout asks for it."""
    if block.level == 2 and (spec.new_page_per_section or first):
        pdf.add_page()
    elif pdf.get_y() > pdf.h - 60:
        pdf.add_page()  # keep a heading with the text that follows it
    else:
        pdf.ln(4 if block.level == 2 else 2)
    text = to_latin1(block.text)
    pdf.start_section(text, level=block.level - 2)
    pdf.set_font("Helvetica", style="B", size=HEADING_SIZES[block.level])
    if block.level == 2:
        pdf.set_text_color(200, 30, 45)
    pdf.multi_cell(0, HEADING_SIZES[block.level] * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def render(spec: PdfSpec) -> Path:
    """Render one source to ``corpus/<folder>/<name>.pdf`` and return the output path."""
    blocks = parse_source((SOURCES / f"{spec.name}.md").read_text(encoding="utf-8"))
    title = next(block.text for block in blocks if block.kind == "title")

    pdf = CecopPdf(spec.running_header)
    pdf.set_creation_date(dt.datetime.combine(spec.published, dt.time(9, 0), tzinfo=dt.UTC))
    pdf.set_title(to_latin1(title))
    pdf.set_author("CECOP")
    pdf.set_subject(to_latin1(spec.subtitle))
    pdf.set_keywords(to_latin1(spec.keywords))
    pdf.set_lang("en-GB")

    draw_cover(pdf, title, spec)
    first_heading = True
    for block in blocks:
        if block.kind == "title":
            continue
        if block.kind == "heading":
            draw_heading(pdf, block, spec, first_heading)
            first_heading = False
            continue
        pdf.set_font("Helvetica", size=BODY_SIZE)
        if block.kind == "bullet":
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(4, LINE_HEIGHT, "-")
            pdf.multi_cell(0, LINE_HEIGHT, to_latin1(block.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            pdf.multi_cell(0, LINE_HEIGHT, to_latin1(block.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)

    out = CORPUS / spec.folder / f"{spec.name}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def main() -> None:
    """Build every PDF listed in ``SPECS`` and print where each one went."""
    for spec in SPECS:
        out = render(spec)
        print(f"{out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
