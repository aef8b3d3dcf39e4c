"""Shared fixtures: the real bundled model (loaded once), real homes in tmp_path, real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.embedder import load_embedder
from kb.knowledge_base import KnowledgeBase
from kb.settings import Config

FIXTURES = Path(__file__).parent / "fixtures"

CITIES = ["Lyon", "Bilbao", "Turin", "Ghent", "Porto", "Krakow", "Tampere", "Cork", "Graz", "Brno"]
LONG_PARAGRAPH = " ".join(
    f"At meeting {n} the group examined how {CITIES[n % len(CITIES)]} applies reserved "
    "contracts and what its buyers know of them."
    for n in range(1, 41)
)
REPORT_SECTIONS = [
    ("Public procurement and social clauses", [
        "Public buyers spend about fourteen percent of the Union's gross domestic product. "
        "When they reserve contracts for sheltered workshops and include social clauses, "
        "they support the integration of people with disabilities into the labour market.",
        "In 2023 our working group met four times in Brussels and Lisbon to compare how the "
        "directives of 2014 are applied in each member state. Many contracting authorities "
        "still award tenders on price alone, which excludes small social enterprises.",
    ]),
    ("Reserved contracts", [
        "Article 20 allows authorities to reserve tenders. Few of them use it, and most do not "
        "know that it exists. We asked the Commission for guidance and training of buyers.",
        LONG_PARAGRAPH,
        "Our members reported that reserved contracts helped them keep stable employment for "
        "vulnerable workers across the pandemic and the energy crisis.",
    ]),
    ("Next steps", [
        "The revision of the procurement directives is expected in 2026. We will publish a "
        "position paper with concrete proposals on award criteria and lots.",
    ]),
]


def build_report_pdf(path: Path) -> Path:
    """Write a multi-page PDF with a running header, a page-number footer and headings."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self):
            if self.page_no() > 1:
                self.set_font("Helvetica", "", 8)
                self.cell(0, 8, "CECOP - Procurement Review 2023", align="C")
                self.ln(12)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 10, f"Page {self.page_no()}", align="C")

    pdf = Report(format="A4")
    pdf.set_title("Procurement Review 2023")
    pdf.set_author("CECOP")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.multi_cell(0, 12, "Procurement Review 2023", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Published in November 2023 by the procurement working group.", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    for heading, paragraphs in REPORT_SECTIONS:
        pdf.set_font("Helvetica", "B", 15)
        pdf.multi_cell(0, 9, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("Helvetica", "", 11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))
    return path


@pytest.fixture(scope="session")
def embedder():
    """Load the bundled model once for the whole session."""
    return load_embedder()


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory) -> Path:
    """A small real corpus: a multi-page PDF, an HTML news page and a markdown note."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "reports").mkdir()
    build_report_pdf(folder / "reports" / "procurement-review-2023.pdf")
    (folder / "news").mkdir()
    shutil.copy(FIXTURES / "platform-work.html", folder / "news")
    shutil.copy(FIXTURES / "worker-buyouts.md", folder)
    return folder


def make_kb(home: Path, embedder) -> KnowledgeBase:
    """Open a knowledge base in ``home`` sharing the session's model."""
    return KnowledgeBase(Config(home=home), embedder=embedder)


@pytest.fixture
def kb(tmp_path, embedder) -> KnowledgeBase:
    """An empty knowledge base in a fresh home."""
    knowledge_base = make_kb(tmp_path / "home", embedder)
    yield knowledge_base
    knowledge_base.close()


@pytest.fixture
def loaded_kb(kb, corpus_dir) -> KnowledgeBase:
    """A knowledge base holding the small corpus."""
    from ingest.pipeline import Ingester

    with Ingester(kb) as ingester:
        report = ingester.ingest_paths([corpus_dir])
    assert report.ok, report.failed
    return kb


@pytest.fixture(scope="session")
def shared_kb(tmp_path_factory, embedder, corpus_dir) -> KnowledgeBase:
    """A read-only knowledge base holding the small corpus, built once."""
    from ingest.pipeline import Ingester

    knowledge_base = make_kb(tmp_path_factory.mktemp("shared") / "home", embedder)
    with Ingester(knowledge_base) as ingester:
        assert ingester.ingest_paths([corpus_dir]).ok
    return knowledge_base


@pytest.fixture
def app(shared_kb):
    """The web app over the shared knowledge base."""
    from web import create_app

    return create_app({"KB": shared_kb, "TESTING": True})


@pytest.fixture
def client(app):
    """A Flask test client."""
    return app.test_client()


@pytest.fixture
def run_cli(tmp_path):
    """Run `kb` with a home in tmp_path; return the click result."""
    from cli.main import cli

    home = tmp_path / "cli-home"

    def run(*args: str, home_dir: Path | None = None):
        runner = CliRunner()
        return runner.invoke(cli, ["--home", str(home_dir or home), *args], catch_exceptions=False)

    run.home = home
    return run
