"""/files/<doc_id>: stored originals, only for those who may read them, never outside files/."""

from __future__ import annotations

import pytest

from kb.secret_key import SECRET_KEY_FILE
from tests.conftest import MEMBERS_CANARY, STAFF_CANARY, sign_in
from web import create_app


def doc_id(kb, name: str) -> int:
    """Return the id of the document whose source ends with ``name``."""
    docs = kb.list_documents(("public", "members", "staff"))
    (found,) = [d.id for d in docs if d.source.endswith(name)]
    return found


def test_pdf_is_served_inline_as_stored(access_app, access_kb):
    pdf = doc_id(access_kb, "procurement-review-2023.pdf")
    response = access_app.test_client().get(f"/files/{pdf}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("inline")
    stored = access_kb.home / access_kb.store.get_document(pdf).file_path
    assert response.data == stored.read_bytes() and response.data.startswith(b"%PDF")
    assert "frame-ancestors" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pdf_supports_range_requests_for_viewers(access_app, access_kb):
    pdf = doc_id(access_kb, "procurement-review-2023.pdf")
    response = access_app.test_client().get(f"/files/{pdf}", headers={"Range": "bytes=0-7"})
    assert response.status_code == 206 and response.data == b"%PDF-1.3"[: len(response.data)]
    assert len(response.data) == 8


@pytest.mark.parametrize("name", ["platform-work.html", "worker-buyouts.md"])
def test_html_and_markdown_are_served_as_plain_text(access_app, access_kb, name):
    response = access_app.test_client().get(f"/files/{doc_id(access_kb, name)}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    stored = access_kb.home / access_kb.store.get_document(doc_id(access_kb, name)).file_path
    assert response.data == stored.read_bytes()


def test_stored_web_page_scripts_are_never_served_as_html(access_app, access_kb):
    response = access_app.test_client().get(f"/files/{doc_id(access_kb, 'platform-work.html')}")
    assert b"<script>" in response.data  # the original, as text
    assert "html" not in response.headers["Content-Type"]


@pytest.mark.parametrize(
    ("viewer", "members", "staff"),
    [
        (None, 404, 404),
        ("mara", 200, 404),
        ("sten", 200, 200),
        ("ada", 200, 200),
    ],
)
def test_restricted_originals_only_for_their_readers(access_app, access_kb, viewer, members, staff):
    client = access_app.test_client()
    if viewer:
        sign_in(client, viewer)
    missing = client.get("/files/987654").data.replace(b"/files/987654", b"/files/ID")
    paths = [
        f"/files/{doc_id(access_kb, name)}"
        for name in ("heronstone-briefing.html", "quillmarsh-memo.pdf")
    ]
    members_response, staff_response = [client.get(path) for path in paths]
    assert (members_response.status_code, staff_response.status_code) == (members, staff)
    for path, response, canary in zip(
        paths, (members_response, staff_response), (MEMBERS_CANARY, STAFF_CANARY), strict=True
    ):
        if response.status_code == 404:  # hidden looks exactly like missing
            assert response.data.replace(path.encode(), b"/files/ID") == missing
            assert canary.encode() not in response.data.lower()
        else:
            assert canary.encode() in response.data.lower()
            assert response.cache_control.private and response.cache_control.no_store


@pytest.mark.parametrize(
    "path",
    [
        "/files/..%2f..%2fkb.sqlite3",
        "/files/../manifest.json",
        "/files/%2e%2e/secret_key",
        "/files/1/../../kb.sqlite3",
        "/files/..%252fkb.sqlite3",
        "/files/-1",
        "/files/1.pdf",
        "/files/kb.sqlite3",
    ],
)
def test_traversal_attempts_are_404(access_app, access_kb, path):
    response = access_app.test_client().get(path)
    assert response.status_code == 404
    assert b"SQLite format 3" not in response.data
    secret = (access_kb.home / SECRET_KEY_FILE).read_bytes().strip()
    assert secret not in response.data


@pytest.fixture
def one_doc(kb, tmp_path):
    """A writable home holding one markdown note; return the app and the document id."""
    from ingest.pipeline import Ingester

    note = tmp_path / "note.md"
    note.write_text("# A note\n\nA short public note about cooperatives and their members.\n")
    with Ingester(kb) as ingester:
        outcome = ingester.ingest_file(note)
    assert outcome.status == "added"
    return create_app({"KB": kb, "TESTING": True}), outcome.doc_id


@pytest.mark.parametrize(
    "file_path",
    [
        "../note.md",
        "files/../kb.sqlite3",
        "files/../secret_key",
        "/etc/passwd",
        "files",
        "",
        "files/missing.md",
    ],
)
def test_stored_path_outside_files_is_never_served(one_doc, kb, file_path):
    app, note = one_doc
    client = app.test_client()
    assert client.get(f"/files/{note}").status_code == 200
    (kb.home.parent / "note.md").write_text("outside the files folder")
    with kb.store.transaction() as conn:
        conn.execute("UPDATE documents SET file_path = ? WHERE id = ?", (file_path or None, note))
    response = client.get(f"/files/{note}")
    assert response.status_code == 404
    assert b"outside the files folder" not in response.data
    assert b"SQLite format 3" not in response.data and b"root:" not in response.data
