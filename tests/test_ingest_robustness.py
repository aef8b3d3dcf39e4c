"""Bad input is named with its reason, the rest is ingested, and nothing stored is lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from ingest.pipeline import Ingester
from kb.knowledge_base import KnowledgeBase
from kb.settings import Config
from tests.conftest import FIXTURES, SAMPLE_CORPUS, build_report_pdf

ROOT = Path(__file__).resolve().parents[1]


def encrypted_pdf(source: Path, target: Path, password: str) -> Path:
    """Write an encrypted copy of a PDF."""
    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password="owner-secret")
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def test_bad_batch_names_each_file_and_keeps_earlier_documents(run_cli, tmp_path, corpus_dir):
    assert run_cli("ingest", str(corpus_dir / "worker-buyouts.md")).exit_code == 0
    before = json.loads(run_cli("stats", "--json").output)

    batch = tmp_path / "batch"
    batch.mkdir()
    pdf = build_report_pdf(tmp_path / "report.pdf")
    (batch / "truncated.pdf").write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 2])
    encrypted_pdf(pdf, batch / "locked.pdf", password="s3cret")
    (batch / "junk.html").write_bytes(os.urandom(2048) + b"\x00\x00")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "slides.pptx").write_bytes(b"PK\x03\x04")
    (batch / "good.html").write_bytes((FIXTURES / "platform-work.html").read_bytes())

    result = run_cli("ingest", str(batch))
    assert result.exit_code == 1
    reasons = {
        "truncated.pdf": "damaged or truncated",
        "locked.pdf": "encrypted and needs a password",
        "junk.html": "not an HTML document",
        "empty.txt": "file is empty",
        "slides.pptx": "unsupported file type",
    }
    for name, reason in reasons.items():
        line = next((x for x in result.stderr.splitlines() if name in x), "")
        assert reason in line, (name, result.stderr)
    assert "1 added" in result.stdout and "5 failed" in result.stdout

    after = json.loads(run_cli("stats", "--json").output)
    assert after["documents"] == before["documents"] + 1
    assert after["chunks"] == after["vectors"]
    found = json.loads(run_cli("search", "Zaganelli", "--json", "--mode", "keyword").output)
    assert found["results"], "an earlier document must still be found"


def test_encrypted_pdf_with_empty_password_is_read(run_cli, tmp_path):
    pdf = build_report_pdf(tmp_path / "report.pdf")
    locked = encrypted_pdf(pdf, tmp_path / "open-lock.pdf", password="")
    result = run_cli("ingest", str(locked))
    assert result.exit_code == 0, result.stderr
    found = json.loads(run_cli("search", "sheltered workshops", "--json").output)
    assert found["results"][0]["source"] == str(locked.resolve())


def test_image_only_pdf_is_refused_with_a_clear_reason(run_cli, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    result = run_cli("ingest", str(path))
    assert result.exit_code == 1
    assert "no extractable text" in result.stderr


def test_file_over_the_size_limit_is_refused(tmp_path, embedder, corpus_dir):
    kb = KnowledgeBase(Config(home=tmp_path / "home", max_file_mb=0), embedder=embedder)
    with Ingester(kb) as ingester:
        report = ingester.ingest_paths([corpus_dir / "worker-buyouts.md"])
    assert report.failed[0].reason == "file is larger than the 0 MB limit"


def test_parsing_is_cut_off_by_the_time_limit(tmp_path, embedder, corpus_dir):
    kb = KnowledgeBase(Config(home=tmp_path / "home", parse_timeout_s=0.001), embedder=embedder)
    with Ingester(kb) as ingester:
        report = ingester.ingest_paths([corpus_dir / "worker-buyouts.md"])
    assert "parsing took longer than" in report.failed[0].reason
    assert kb.stats()["documents"] == 0


def test_parsing_is_cut_off_by_the_memory_limit(tmp_path, embedder, corpus_dir):
    huge = tmp_path / "huge.txt"
    huge.write_text("cooperative " * 4_000_000)  # 44 MB of text to split into paragraphs
    kb = KnowledgeBase(Config(home=tmp_path / "home", parse_memory_mb=160), embedder=embedder)
    with Ingester(kb) as ingester:
        report = ingester.ingest_paths([huge, corpus_dir / "worker-buyouts.md"])
    failed = {o.source: o.reason for o in report.failed}
    assert list(failed) == [str(huge)]
    assert "parsing needed more than 160 MB" in failed[str(huge)]
    assert kb.stats()["documents"] == 1  # the worker restarts for the next file


def test_changed_file_is_replaced_and_unchanged_skipped(tmp_path, embedder):
    folder = tmp_path / "docs"
    folder.mkdir()
    note = folder / "note.md"
    note.write_text("# Note\n\nThe tangerine committee met in Ghent to plan the year.\n")
    kb = KnowledgeBase(Config(home=tmp_path / "home"), embedder=embedder)
    with Ingester(kb) as ingester:
        assert ingester.ingest_paths([folder]).count("added") == 1
        generation = kb.store.generation
        assert ingester.ingest_paths([folder]).count("unchanged") == 1
        assert kb.store.generation == generation
        note.write_text("# Note\n\nThe saffron committee met in Graz to plan the year.\n")
        assert ingester.ingest_paths([folder]).count("updated") == 1
    assert kb.search("tangerine", mode="keyword").results == []
    assert kb.search("saffron", mode="keyword").results
    stats = kb.stats()
    assert stats["documents"] == 1 and stats["chunks"] == stats["vectors"]


def test_sync_removes_documents_whose_files_are_gone(run_cli, tmp_path, corpus_dir):
    folder = tmp_path / "synced"
    folder.mkdir()
    for name in ("worker-buyouts.md", "news/platform-work.html"):
        (folder / Path(name).name).write_bytes((corpus_dir / name).read_bytes())
    assert run_cli("sync", str(folder)).exit_code == 0
    (folder / "worker-buyouts.md").unlink()
    result = run_cli("sync", str(folder))
    assert result.exit_code == 0
    assert "1 removed" in result.stdout and "1 unchanged" in result.stdout
    stats = json.loads(run_cli("stats", "--json").output)
    assert stats["documents"] == 1 and stats["chunks"] == stats["vectors"]
    for mode in ("keyword", "semantic"):
        found = json.loads(
            run_cli("search", "Zaganelli Hollowbrook", "--json", "--mode", mode).output
        )
        assert all("worker-buyouts" not in r["source"] for r in found["results"])


def test_metadata_options_sidecar_and_csv(run_cli, tmp_path, corpus_dir):
    folder = tmp_path / "meta"
    folder.mkdir()
    (folder / "a.md").write_text("# Alpha\n\nThe alpha note on cooperatives.\n")
    (folder / "b.md").write_text("# Beta\n\nThe beta note on cooperatives.\n")
    (folder / "a.meta.json").write_text(
        json.dumps(
            {"type": "newsletter", "visibility": "members", "date": "2022-04-01", "tags": ["x"]}
        )
    )
    (folder / "metadata.csv").write_text(
        "file,type,date,visibility,tags\nb.md,publication,2021-02-03,staff,one;two\n"
    )
    assert run_cli("ingest", str(folder)).exit_code == 0
    assert (
        run_cli(
            "ingest",
            str(corpus_dir / "worker-buyouts.md"),
            "--type",
            "report",
            "--tag",
            "buyouts",
            "--date",
            "2020-01-02",
        ).exit_code
        == 0
    )
    docs = {Path(d["source"]).name: d for d in json.loads(run_cli("documents", "--json").output)}
    assert docs["a.md"]["type"] == "newsletter" and docs["a.md"]["visibility"] == "members"
    assert docs["a.md"]["date"] == "2022-04-01" and docs["a.md"]["tags"] == ["x"]
    assert docs["b.md"]["type"] == "publication" and docs["b.md"]["tags"] == ["one", "two"]
    assert docs["b.md"]["visibility"] == "staff"
    buyouts = docs["worker-buyouts.md"]
    assert buyouts["type"] == "report" and buyouts["date"] == "2020-01-02"
    assert buyouts["tags"] == ["buyouts"]
    assert "language from content" in buyouts["inferred"]
    bad = run_cli("ingest", str(folder), "--date", "last year")
    assert bad.exit_code == 2 and "--date" in bad.stderr


def test_kill_during_ingest_leaves_a_home_that_opens(tmp_path):
    home = tmp_path / "home"
    command = [sys.executable, "-m", "cli.main", "--home", str(home)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    for delay in (3.0, 5.0, 7.0, 9.0):
        process = subprocess.Popen(
            [*command, "ingest", str(SAMPLE_CORPUS)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        search = subprocess.run(
            [*command, "search", "cooperatives", "--json", "--k", "3"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert search.returncode == 0, search.stderr
        json.loads(search.stdout)
    finished = subprocess.run(
        [*command, "ingest", str(SAMPLE_CORPUS)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr
    stats = json.loads(
        subprocess.run(
            [*command, "stats", "--json"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert stats["documents"] >= 25
    assert stats["chunks"] == stats["vectors"]
    assert not list(home.glob(".*.tmp"))
