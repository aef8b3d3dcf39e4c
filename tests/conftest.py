"""Shared fixtures: the real bundled model (loaded once), real homes in tmp_path, real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.embedder import load_embedder
from kb.knowledge_base import KnowledgeBase
from kb.settings import Config
from tests.local_site import serve  # noqa: F401 - a fixture for the web-fetching tests

FIXTURES = Path(__file__).parent / "fixtures"

CITIES = ["Lyon", "Bilbao", "Turin", "Ghent", "Porto", "Krakow", "Tampere", "Cork", "Graz", "Brno"]
LONG_PARAGRAPH = " ".join(
    f"At meeting {n} the group examined how {CITIES[n % len(CITIES)]} applies reserved "
    "contracts and what its buyers know of them."
    for n in range(1, 41)
)
REPORT_SECTIONS = [
    (
        "Public procurement and social clauses",
        [
            "Public buyers spend about fourteen percent of the Union's gross domestic product. "
            "When they reserve contracts for sheltered workshops and include social clauses, "
            "they support the integration of people with disabilities into the labour market.",
            "In 2023 our working group met four times in Brussels and Lisbon to compare how the "
            "directives of 2014 are applied in each member state. Many contracting authorities "
            "still award tenders on price alone, which excludes small social enterprises.",
        ],
    ),
    (
        "Reserved contracts",
        [
            "Article 20 allows authorities to reserve tenders. Few of them use it, and most do not "
            "know that it exists. We asked the Commission for guidance and training of buyers.",
            LONG_PARAGRAPH,
            "Our members reported that reserved contracts helped them keep stable employment for "
            "vulnerable workers across the pandemic and the energy crisis.",
        ],
    ),
    (
        "Next steps",
        [
            "The revision of the procurement directives is expected in 2026. We will publish a "
            "position paper with concrete proposals on award criteria and lots.",
        ],
    ),
]


def write_raw_pdf(
    path: Path, content: bytes, fonts: dict[bytes, bytes], extra: tuple[bytes, ...] = ()
) -> Path:
    """Write a one-page A4 PDF drawing ``content`` with ``fonts`` (resource name to font
    dictionary), byte by byte as a producer writes it. Objects 1 to 4 are the catalog, page
    tree, page and content; the fonts follow, then the ``extra`` objects they refer to."""
    names = b" ".join(b"/%s %d 0 R" % (name, 5 + n) for n, name in enumerate(fonts))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << " + names + b" >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        *fonts.values(),
        *extra,
    ]
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(data)
    return path


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
    pdf.multi_cell(
        0,
        6,
        "Published in November 2023 by the procurement working group.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
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


def ingest_pages(kb: KnowledgeBase, folder: Path, pages: dict[str, str]) -> KnowledgeBase:
    """Write markdown pages (file name to text) into ``folder`` and ingest them."""
    from ingest.pipeline import Ingester

    paths = []
    for name, text in pages.items():
        paths.append(folder / name)
        paths[-1].write_text(text, encoding="utf-8")
    with Ingester(kb) as ingester:
        ingester.ingest_paths(paths)
    return kb


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


SAMPLE_CORPUS = Path(__file__).resolve().parents[1] / "samples" / "corpus"


@pytest.fixture(scope="session")
def sample_kb(tmp_path_factory, embedder) -> KnowledgeBase:
    """A read-only knowledge base of the bundled sample corpus, built once per session."""
    from ingest.pipeline import Ingester

    knowledge_base = make_kb(tmp_path_factory.mktemp("sample") / "home", embedder)
    with Ingester(knowledge_base) as ingester:
        report = ingester.ingest_paths([SAMPLE_CORPUS])
    assert report.ok, [(o.source, o.reason) for o in report.failed]
    return knowledge_base


@pytest.fixture
def sample_client(sample_kb):
    """A test client over the bundled sample corpus (built once per session)."""
    from web import create_app

    return create_app({"KB": sample_kb, "TESTING": True}).test_client()


# -- access control: a corpus with members-only and staff-only documents carrying canaries --

MEMBERS_CANARY = "heronstone"
STAFF_CANARY = "quillmarsh"
PASSWORDS = {"mara": "mara-member-pass", "sten": "sten-staff-pass", "ada": "ada-admin-pass"}
ROLE_OF = {"mara": "member", "sten": "staff", "ada": "admin"}

PUBLIC_NOTE = """---
date: 2023-02-01
---
# Notes on our working groups

Several internal bodies, such as the HWG and the QOP, prepare our positions. This public note
explains in general terms how reserved contracts help worker cooperatives and social
enterprises keep stable employment, and why public buyers should know the procurement rules.
"""

MEMBERS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Heronstone members briefing</title></head>
<body><main><article>
<h1>Heronstone members briefing</h1>
<p>This briefing is written for members. The Heronstone Working Group (HWG) met in Ghent in
May 2019 to compare how reserved contracts are used by public buyers across the regions where
our worker cooperatives operate, and what our members should ask of their authorities.</p>
<h2>Heronstone findings on reserved contracts</h2>
<p>The working group found that buyers rarely reserve tenders for social enterprises. It asks
each federation to train procurement officers and to share heronstone case studies of worker
cooperatives that won reserved contracts and kept stable employment for vulnerable workers.</p>
</article></main></body></html>
"""

STAFF_PARAGRAPHS = [
    (
        "Quillmarsh Oversight Panel",
        "The Quillmarsh Oversight Panel (QOP) advises the secretariat on our budget and on the "
        "next campaign about worker buyouts and reserved contracts. Its minutes are for staff.",
    ),
    (
        "Quillmarsh budget lines",
        "The panel proposes to fund two studies on worker cooperatives and public procurement, "
        "and to keep the quillmarsh reserve for legal advice to federations in member states.",
    ),
]


def build_staff_pdf(path: Path) -> Path:
    """Write an uncompressed two-page PDF (so its words can be found in the served bytes)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_compression(False)
    pdf.set_title("Quillmarsh staff memo")
    for heading, paragraph in STAFF_PARAGRAPHS:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.multi_cell(0, 9, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for _ in range(3):
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))
    return path


def _with_sidecar(path: Path, meta: dict) -> Path:
    import json

    path.with_name(path.name + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def access_corpus(tmp_path_factory, corpus_dir) -> list[tuple[Path, str]]:
    """Files and their visibility, in ingestion order: public first, then members, then staff.

    Ingesting a prefix of this list in order gives every document the same id (and every
    passage the same chunk id) as in a home holding all of it.
    """
    folder = tmp_path_factory.mktemp("access-corpus")
    shutil.copytree(corpus_dir, folder / "public")
    (folder / "public" / "working-groups.md").write_text(PUBLIC_NOTE, encoding="utf-8")
    public = sorted(p for p in (folder / "public").rglob("*") if p.is_file())
    (folder / "members").mkdir()
    members = folder / "members" / "heronstone-briefing.html"
    members.write_text(MEMBERS_HTML, encoding="utf-8")
    _with_sidecar(
        members,
        {
            "visibility": "members",
            "type": "newsletter",
            "date": "2019-05-14",
            "tags": [MEMBERS_CANARY, "procurement"],
            "title": "Heronstone members briefing",
        },
    )
    (folder / "staff").mkdir()
    staff = build_staff_pdf(folder / "staff" / "quillmarsh-memo.pdf")
    _with_sidecar(
        staff,
        {
            "visibility": "staff",
            "type": "position paper",
            "date": "2018-09-03",
            "tags": [STAFF_CANARY],
            "title": "Quillmarsh staff memo",
        },
    )
    return [(p, "public") for p in public] + [(members, "members"), (staff, "staff")]


def build_access_kb(home: Path, embedder, files: list[tuple[Path, str]]) -> KnowledgeBase:
    """Ingest ``files`` in order into a new home and add the users of PASSWORDS."""
    from ingest.pipeline import Ingester
    from kb.accounts import Accounts

    knowledge_base = make_kb(home, embedder)
    with Ingester(knowledge_base) as ingester:
        report = ingester.ingest_files([path for path, _ in files])
    assert report.ok, [(o.source, o.reason) for o in report.failed]
    stored = {
        d.source: d.visibility
        for d in knowledge_base.list_documents(("public", "members", "staff"))
    }
    assert stored == {str(path): level for path, level in files}
    accounts = Accounts(knowledge_base.store)
    for name, password in PASSWORDS.items():
        accounts.add_user(name, ROLE_OF[name], password)
    return knowledge_base


@pytest.fixture(scope="session")
def access_kb(tmp_path_factory, embedder, access_corpus) -> KnowledgeBase:
    """A read-only home with public, members-only and staff-only documents and three users."""
    return build_access_kb(tmp_path_factory.mktemp("access") / "home", embedder, access_corpus)


def form_token(page: str) -> str:
    """Return the CSRF token of the first form in an HTML page."""
    import re

    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "no csrf_token field in the page"
    return match.group(1)


def sign_in(client, name: str, password: str | None = None):
    """Sign in through the login form as a person would; return the POST response."""
    token = form_token(client.get("/login").get_data(as_text=True))
    return client.post(
        "/login", data={"name": name, "password": password or PASSWORDS[name], "csrf_token": token}
    )


@pytest.fixture
def access_app(access_kb):
    """The web app over the access-control home (sessions signed with the home's secret)."""
    from web import create_app

    return create_app({"KB": access_kb, "TESTING": True})
