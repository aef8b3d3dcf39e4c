"""Staff pages: upload through the ingest pipeline, delete, change visibility; who may do it."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest

from kb.accounts import Accounts
from kb.knowledge_base import KnowledgeBase
from kb.settings import Config
from tests.conftest import PASSWORDS, ROLE_OF, build_report_pdf, form_token, sign_in
from web import create_app

NOTE = (
    b"# Lindqvarn cooperative notes\n\nThe Lindqvarn cooperative in Tampere explains how "
    b"worker-owners share the surplus and elect their board every spring.\n"
)


@pytest.fixture
def app(kb):
    """The app over an empty, writable home with a member, a staff user and an admin."""
    accounts = Accounts(kb.store)
    for name, password in PASSWORDS.items():
        accounts.add_user(name, ROLE_OF[name], password)
    return create_app({"KB": kb, "TESTING": True})


def signed_in(app, name: str | None):
    """Return a client signed in as ``name`` (None: anonymous) and a CSRF token of its session."""
    client = app.test_client()
    if name:
        assert sign_in(client, name).status_code == 302
    return client, form_token(client.get("/login").get_data(as_text=True))


def upload(client, token: str | None, data: bytes = NOTE, filename: str = "notes.md", **fields):
    """Post the upload form."""
    form = {"file": (io.BytesIO(data), filename), "visibility": "members", **fields}
    if token is not None:
        form["csrf_token"] = token
    return client.post("/staff/upload", data=form, content_type="multipart/form-data")


def found(client, query: str, mode: str = "keyword") -> list[dict]:
    """Return the results of an API search."""
    return client.get("/api/search", query_string={"q": query, "mode": mode}).get_json()["results"]


@pytest.mark.parametrize("path", ["/staff/upload", "/staff/documents"])
def test_staff_pages_are_for_staff_only(app, path):
    anonymous = app.test_client().get(path)
    assert anonymous.status_code == 302
    assert unquote(anonymous.headers["Location"]) == f"/login?next={path}"
    member, _ = signed_in(app, "mara")
    assert member.get(path).status_code == 403
    for name in ("sten", "ada"):
        client, _ = signed_in(app, name)
        page = client.get(path)
        assert page.status_code == 200 and 'name="csrf_token"' in page.get_data(as_text=True)


def test_upload_is_ingested_with_the_chosen_metadata(app, kb):
    staff, token = signed_in(app, "sten")
    response = upload(
        staff,
        token,
        title="Lindqvarn notes",
        type="report",
        date="2021-04",
        tags="tampere, buyouts",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 201, page
    doc = kb.store.find_document("upload:notes.md")
    assert (doc.title, doc.doc_type, doc.date, doc.tags, doc.visibility) == (
        "Lindqvarn notes",
        "report",
        "2021-04",
        ["tampere", "buyouts"],
        "members",
    )
    assert f"Document {doc.id}" in page and "Lindqvarn notes" in page
    assert [r["doc_id"] for r in found(staff, "Lindqvarn")] == [doc.id]
    member, _ = signed_in(app, "mara")
    assert [r["doc_id"] for r in found(member, "Lindqvarn")] == [doc.id]
    assert found(app.test_client(), "Lindqvarn") == []
    for mode in ("semantic", "hybrid"):
        assert all(r["doc_id"] != doc.id for r in found(app.test_client(), "Lindqvarn", mode))


def test_uploaded_pdf_keeps_pages_and_is_served(app, kb, tmp_path):
    staff, token = signed_in(app, "sten")
    pdf = build_report_pdf(tmp_path / "review.pdf").read_bytes()
    assert upload(staff, token, pdf, "Review 2023.pdf", visibility="public").status_code == 201
    hits = found(app.test_client(), "Cork reserved contracts")
    assert hits and all(r["source"] == "upload:Review_2023.pdf" for r in hits)
    assert all(r["page_start"] >= 1 for r in hits)
    served = app.test_client().get(f"/files/{hits[0]['doc_id']}")
    assert served.status_code == 200 and served.data == pdf


def test_same_file_name_replaces_the_earlier_upload(app, kb):
    staff, token = signed_in(app, "sten")
    assert upload(staff, token).status_code == 201
    again = upload(staff, token, NOTE.replace(b"spring", b"autumn"))
    assert again.status_code == 200 and "updated" in again.get_data(as_text=True)
    assert kb.stats()["documents"] == 1
    assert found(staff, "autumn") and not found(staff, "spring")


@pytest.mark.parametrize(
    ("filename", "fields", "message"),
    [
        (
            "notes.docx",
            {},
            "notes.docx: unsupported file type .docx (use .pdf, .html, .htm, .txt or .md)",
        ),
        ("notes", {}, "unsupported file type (none)"),
        ("notes.md", {"visibility": ""}, "Choose who may read the document."),
        ("notes.md", {"visibility": "everyone"}, "unknown visibility &#39;everyone&#39;"),
        (
            "notes.md",
            {"date": "2019/01"},
            "date &#39;2019/01&#39; is not YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        ("notes.md", {"type": "poem"}, "unknown type &#39;poem&#39;"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(app, kb, filename, fields, message):
    staff, token = signed_in(app, "sten")
    response = upload(staff, token, filename=filename, **fields)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert kb.stats()["documents"] == 0


def test_empty_file_choice_is_refused(app, kb):
    staff, token = signed_in(app, "sten")
    response = staff.post(
        "/staff/upload",
        data={"csrf_token": token, "visibility": "public"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "Choose a file" in response.get_data(as_text=True)


def test_unreadable_file_fails_with_the_same_reason_as_the_cli(app, kb, tmp_path, run_cli):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    result = run_cli("ingest", str(broken))
    assert result.exit_code == 1
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    reason = line.split(f"{broken}: ", 1)[1]
    staff, token = signed_in(app, "sten")
    response = upload(staff, token, broken.read_bytes(), "broken.pdf")
    assert response.status_code == 400
    assert f"broken.pdf: {reason}" in response.get_data(as_text=True).replace("&#39;", "'")
    assert kb.stats()["documents"] == 0


def test_upload_over_the_size_limit_is_413(tmp_path, embedder):
    kb = KnowledgeBase(Config(home=tmp_path / "home", max_upload_mb=1), embedder=embedder)
    Accounts(kb.store).add_user("sten", "staff", PASSWORDS["sten"])
    app = create_app({"KB": kb, "TESTING": True})
    staff, token = signed_in(app, "sten")
    response = upload(staff, token, b"# Big\n\n" + b"cooperative " * 110_000, "big.md")
    assert response.status_code == 413
    assert "413" in response.get_data(as_text=True)
    assert kb.stats()["documents"] == 0
    kb.close()


@pytest.mark.parametrize("token", [None, "", "not-the-session-token"])
def test_upload_without_the_form_token_is_refused(app, kb, token):
    staff, _ = signed_in(app, "sten")
    assert upload(staff, token).status_code == 400
    assert kb.stats()["documents"] == 0


@pytest.mark.parametrize(("name", "status"), [(None, 302), ("mara", 403)])
def test_upload_by_non_staff_is_refused(app, kb, name, status):
    client, token = signed_in(app, name)
    assert upload(client, token).status_code == status
    assert kb.stats()["documents"] == 0


def test_bearer_tokens_upload_without_form_token_by_role(app, kb):
    accounts = Accounts(kb.store)
    _, member = accounts.create_token("member")
    _, staff = accounts.create_token("staff")
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {member}"
    assert upload(client, None).status_code == 403
    assert kb.stats()["documents"] == 0
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {staff}"
    assert upload(client, None).status_code == 201
    assert kb.stats()["documents"] == 1


@pytest.fixture
def uploaded(app, kb):
    """Upload the members-only note as staff; return its id."""
    staff, token = signed_in(app, "sten")
    assert upload(staff, token).status_code == 201
    return kb.store.find_document("upload:notes.md").id


def test_delete_removes_the_document_everywhere(app, kb, uploaded):
    staff, token = signed_in(app, "sten")
    listing = staff.get("/staff/documents").get_data(as_text=True)
    assert f"/staff/documents/{uploaded}/delete" in listing
    response = staff.post(f"/staff/documents/{uploaded}/delete", data={"csrf_token": token})
    assert response.status_code == 200 and "Deleted document" in response.get_data(as_text=True)
    assert kb.stats()["documents"] == 0 and kb.stats()["vectors"] == 0
    for mode in ("keyword", "semantic", "hybrid"):
        assert all(r["doc_id"] != uploaded for r in found(staff, "Lindqvarn", mode))
    assert staff.get(f"/files/{uploaded}").status_code == 404
    assert (
        staff.post(f"/staff/documents/{uploaded}/delete", data={"csrf_token": token}).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("name", "token", "status"),
    [
        ("sten", None, 400),
        ("sten", "forged", 400),
        ("mara", "session", 403),
        (None, "session", 302),
    ],
)
def test_delete_refused_without_token_or_rights(app, kb, uploaded, name, token, status):
    client, session_token = signed_in(app, name)
    data = {} if token is None else {"csrf_token": session_token if token == "session" else token}
    assert client.post(f"/staff/documents/{uploaded}/delete", data=data).status_code == status
    assert kb.stats()["documents"] == 1


def test_visibility_change_takes_effect_at_once(app, kb, uploaded):
    staff, token = signed_in(app, "sten")
    member, _ = signed_in(app, "mara")
    public = app.test_client()
    assert found(member, "Lindqvarn") and not found(public, "Lindqvarn")
    response = staff.post(
        f"/staff/documents/{uploaded}/visibility",
        data={"csrf_token": token, "visibility": "public"},
    )
    assert response.status_code == 200 and "is now public" in response.get_data(as_text=True)
    assert found(public, "Lindqvarn")
    staff.post(
        f"/staff/documents/{uploaded}/visibility", data={"csrf_token": token, "visibility": "staff"}
    )
    assert not found(member, "Lindqvarn") and not found(public, "Lindqvarn")
    assert found(staff, "Lindqvarn")
    assert member.get(f"/files/{uploaded}").status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("sten", {"visibility": "everyone"}, 400),
        ("sten", {"visibility": "public", "csrf_token": "forged"}, 400),
        ("sten", {"visibility": "public", "csrf_token": None}, 400),
        ("mara", {"visibility": "public"}, 403),
        (None, {"visibility": "public"}, 302),
    ],
)
def test_visibility_change_refused(app, kb, uploaded, name, data, status):
    client, token = signed_in(app, name)
    form = {"csrf_token": token, **data}
    form = {k: v for k, v in form.items() if v is not None}
    response = client.post(f"/staff/documents/{uploaded}/visibility", data=form)
    assert response.status_code == status
    assert kb.store.get_document(uploaded).visibility == "members"


def test_actions_on_a_missing_document_are_404(app):
    staff, token = signed_in(app, "sten")
    assert staff.post("/staff/documents/4242/delete", data={"csrf_token": token}).status_code == 404
    assert (
        staff.post(
            "/staff/documents/4242/visibility", data={"csrf_token": token, "visibility": "public"}
        ).status_code
        == 404
    )
