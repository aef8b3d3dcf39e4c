"""Ingestion of the sample corpus: true page citations, no running headers, no site chrome."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLE_CORPUS

ALL = ("public", "members", "staff")
CHROME = (
    "We use cookies",
    "Share on",
    "Related posts",
    "Accept all",
    "Subscribe to our",
    "Avenue Milcamps",
    "All rights reserved",
    "Cookie settings",
)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"-\s+", "-", text).split()).lower()


def _pdf_documents(kb):
    return [d for d in kb.list_documents(ALL) if d.media_type == "pdf"]


def test_every_cited_page_holds_the_cited_text(sample_kb):
    checked = 0
    for doc in _pdf_documents(sample_kb):
        pages = [_norm(page.extract_text()) for page in PdfReader(doc.source).pages]
        for chunk in sample_kb.store.document_chunks(doc.id):
            words = chunk["text"].split()
            head, tail = _norm(" ".join(words[:5])), _norm(" ".join(words[-5:]))
            assert head in pages[chunk["page_start"] - 1], (doc.title, chunk["ordinal"])
            assert tail in pages[chunk["page_end"] - 1], (doc.title, chunk["ordinal"])
            checked += 1
    assert checked > 50


def test_a_passage_over_a_page_break_records_both_pages(sample_kb):
    spanning = [
        chunk
        for doc in _pdf_documents(sample_kb)
        for chunk in sample_kb.store.document_chunks(doc.id)
        if chunk["page_end"] > chunk["page_start"]
    ]
    assert spanning


def test_no_passage_holds_running_headers_or_page_numbers(sample_kb):
    for doc in _pdf_documents(sample_kb):
        for chunk in sample_kb.store.document_chunks(doc.id):
            assert "www.cecop.coop CECOP" not in chunk["text"]
            assert not re.search(r"Page \d+ of \d+", chunk["text"]), chunk["text"][:80]
            assert not re.search(r"CECOP - (Activity Report|Position)", chunk["text"])


def test_no_passage_holds_site_chrome(sample_kb):
    html_docs = [d for d in sample_kb.list_documents(ALL) if d.media_type == "html"]
    assert len(html_docs) >= 8
    for doc in html_docs:
        for chunk in sample_kb.store.document_chunks(doc.id):
            for marker in CHROME:
                assert marker.lower() not in chunk["text"].lower(), (doc.source, marker)


def test_html_metadata_is_extracted(sample_kb):
    html_docs = [d for d in sample_kb.list_documents(ALL) if d.media_type == "html"]
    for doc in html_docs:
        assert doc.date and doc.date[:4].isdigit(), doc.source
        assert doc.canonical_url and doc.canonical_url.startswith("https://"), doc.source
        assert doc.language in ("en", "it", "fr"), doc.source
    assert any(d.language == "it" for d in html_docs)


def test_sections_are_paths_of_headings(sample_kb):
    doc = next(d for d in _pdf_documents(sample_kb) if "activity-report-2024" in d.source)
    sections = {chunk["section"] for chunk in sample_kb.store.document_chunks(doc.id)}
    assert any(" > " in s and s.startswith("Our advocacy work in 2024") for s in sections)


def test_metadata_from_sidecars_csv_and_inference(sample_kb):
    docs = {d.source.rsplit("/", 1)[-1]: d for d in sample_kb.list_documents(ALL)}
    minutes = docs["general-assembly-2024-minutes.md"]  # sidecar
    assert minutes.visibility == "members" and minutes.doc_type == "report"
    assert "visibility by default" not in minutes.inferred
    plan = docs["staff-advocacy-planning-2025.md"]
    assert plan.visibility == "staff"
    report = docs["activity-report-2024.pdf"]  # nothing given: type from the folder
    assert report.doc_type == "report" and "type from folder" in report.inferred
    assert all(d.title and d.doc_type and d.visibility for d in docs.values())


@pytest.mark.parametrize("visibility", ["members", "staff"])
def test_restricted_documents_exist_in_the_sample(sample_kb, visibility):
    assert [d for d in sample_kb.list_documents(ALL) if d.visibility == visibility]


def test_sample_corpus_spans_types_and_years(sample_kb):
    docs = sample_kb.list_documents(ALL)
    assert len(docs) >= 25
    assert {d.doc_type for d in docs} >= {
        "report",
        "position paper",
        "news",
        "newsletter",
        "publication",
        "other",
    }
    years = {d.year for d in docs if d.year}
    assert min(years) <= 2019 and max(years) >= 2025
    assert SAMPLE_CORPUS.is_dir()
