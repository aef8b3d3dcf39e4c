"""The `kb` command line, driven through click's runner against real files."""

from __future__ import annotations

import json

from pypdf import PdfReader

from tests.contract import RESULT_FIELDS


def test_ingest_keeps_pdf_page_numbers(run_cli, corpus_dir):
    result = run_cli("ingest", str(corpus_dir))
    assert result.exit_code == 0, result.output
    assert "3 added" in result.output

    found = json.loads(
        run_cli(
            "search", "meeting 27 Cork reserved contracts", "--json", "--mode", "keyword"
        ).output
    )
    pdf_hits = [r for r in found["results"] if r["source"].endswith(".pdf")]
    assert pdf_hits, found
    reader = PdfReader(corpus_dir / "reports" / "procurement-review-2023.pdf")
    for hit in pdf_hits:
        assert 1 <= hit["page_start"] <= hit["page_end"] <= len(reader.pages)
        first_words = " ".join(hit["text"].split()[:6])
        last_words = " ".join(hit["text"].split()[-6:])
        start_page = " ".join(reader.pages[hit["page_start"] - 1].extract_text().split())
        end_page = " ".join(reader.pages[hit["page_end"] - 1].extract_text().split())
        assert first_words in start_page
        assert last_words in end_page


def test_reingest_adds_no_duplicates(run_cli, corpus_dir):
    assert run_cli("ingest", str(corpus_dir)).exit_code == 0
    before = json.loads(run_cli("stats", "--json").output)
    again = run_cli("ingest", str(corpus_dir), str(corpus_dir / "worker-buyouts.md"))
    assert again.exit_code == 0
    assert "0 added" in again.output and "3 unchanged" in again.output
    after = json.loads(run_cli("stats", "--json").output)
    for key in ("documents", "chunks", "vectors"):
        assert after[key] == before[key]
    assert after["chunks"] == after["vectors"] > 0


def test_delete_removes_document_chunks_keywords_and_vectors(run_cli, corpus_dir):
    run_cli("ingest", str(corpus_dir))
    before = json.loads(run_cli("stats", "--json").output)
    source = str((corpus_dir / "worker-buyouts.md").resolve())
    hits = json.loads(run_cli("search", "Zaganelli", "--json", "--mode", "keyword").output)
    assert [r["source"] for r in hits["results"]] == [source]

    result = run_cli("delete", source)
    assert result.exit_code == 0, result.output
    after = json.loads(run_cli("stats", "--json").output)
    assert after["documents"] == before["documents"] - 1
    assert after["chunks"] == after["vectors"] < before["chunks"]
    for mode in ("keyword", "semantic", "hybrid"):
        found = json.loads(
            run_cli("search", "Zaganelli Hollowbrook fund", "--json", "--mode", mode).output
        )
        assert all(r["source"] != source for r in found["results"])
    assert run_cli("delete", source).exit_code == 1


def test_bad_file_is_named_and_others_still_ingested(run_cli, corpus_dir, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    junk = tmp_path / "notes.docx"
    junk.write_bytes(b"PK\x03\x04")
    result = run_cli("ingest", str(broken), str(junk), str(corpus_dir / "worker-buyouts.md"))
    assert result.exit_code == 1
    assert str(broken) in result.stderr
    assert "notes.docx" in result.stderr and "unsupported file type" in result.stderr
    assert "1 added" in result.stdout


def test_search_plain_output_is_numbered_and_cited(run_cli, corpus_dir):
    run_cli("ingest", str(corpus_dir))
    result = run_cli("search", "reserved contracts", "--k", "2")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("1. Procurement Review 2023 | p")
    assert any(line.startswith("2. ") for line in lines)
    assert "procurement-review-2023.pdf" in result.output


def test_search_says_how_a_typing_slip_was_read(run_cli, corpus_dir):
    run_cli("ingest", str(corpus_dir))
    output = run_cli("search", "reserved contarcts", "--k", "1").output
    assert output.startswith("Showing results for: reserved contracts\n")
    assert "Procurement Review 2023" in output
    typed = run_cli("search", "reserved contracts", "--k", "1").output
    assert typed.startswith("1. Procurement Review 2023")


def test_search_json_matches_the_api_contract(run_cli, corpus_dir):
    run_cli("ingest", str(corpus_dir))
    data = json.loads(run_cli("search", "platform work riders", "--json", "--k", "3").output)
    assert set(data) >= {"query", "mode", "results"}
    assert data["mode"] == "hybrid" and len(data["results"]) == 3
    assert all(RESULT_FIELDS <= set(r) for r in data["results"])


def test_stats_json_counts(run_cli, corpus_dir):
    run_cli("ingest", str(corpus_dir))
    stats = json.loads(run_cli("stats", "--json").output)
    assert stats["documents"] == 3
    assert stats["chunks"] == stats["vectors"] > 3


def test_search_rejects_bad_k(run_cli, corpus_dir):
    run_cli("ingest", str(corpus_dir / "worker-buyouts.md"))
    result = run_cli("search", "cooperative", "--k", "0")
    assert result.exit_code == 2
    assert "k must be" in result.stderr


def test_search_plain_output_sets_the_nearest_passages_apart(run_cli, corpus_dir):
    run_cli("ingest", str(corpus_dir))
    output = run_cli("search", "Zaganelli").output
    matched, others = output.split("Nearest other passages:\n")
    assert "Zaganelli" in matched and matched.startswith("1. ")
    assert "Zaganelli" not in others and "\n10. " in "\n" + others
    empty = run_cli("search", "quantum chromodynamics lattice gauge").output
    assert empty.startswith("Nothing matches closely; nearest:\n")
