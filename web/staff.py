"""Staff actions: upload documents, delete them and change who may read them.

Only staff and admins may use these pages: a signed-in member gets 403 and someone not signed
in is sent to /login. Every form carries the CSRF token (see web/csrf.py). Uploads go through
the same ingestion path as ``kb ingest`` (``ingest.pipeline.Ingester``), so they are parsed in
the sandboxed worker, described, chunked and embedded the same way and fail with the same
reasons.
"""

from __future__ import annotations

import functools
from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.utils import secure_filename

from kb.access import VISIBILITIES
from kb.accounts import STAFF_ROLES
from kb.errors import NotFound
from kb.records import DOCUMENT_TYPES
from web.context import current_role, get_kb

bp = Blueprint("staff", __name__, url_prefix="/staff")

UPLOAD_TYPES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "text", ".md": "markdown"}
UPLOAD_TYPES_TEXT = ".pdf, .html, .htm, .txt or .md"
FORM_FIELDS = ("title", "type", "visibility", "date", "tags")


def staff_required(view):
    """Let staff and admins through; send others to sign in, or refuse members with 403."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        role = current_role()
        if role in STAFF_ROLES:
            return view(*args, **kwargs)
        if role == "public":
            here = request.full_path if request.query_string else request.path
            target = here if request.method == "GET" else url_for("staff.upload_form")
            return redirect(url_for("auth.login", next=target))
        abort(403, description="Only staff may do this.")

    return wrapped


def _upload_page(
    status: int = 200, form: dict | None = None, error: str | None = None, outcome=None, doc=None
):
    return render_template(
        "staff_upload.html",
        form=form or {},
        error=error,
        outcome=outcome,
        doc=doc,
        types=DOCUMENT_TYPES,
        visibilities=VISIBILITIES,
        accepted=UPLOAD_TYPES_TEXT,
        max_mb=current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024),
    ), status


@bp.get("/upload")
@staff_required
def upload_form():
    """Show the upload form."""
    return _upload_page()


@bp.post("/upload")
@staff_required
def upload():
    """Ingest an uploaded file with the metadata given in the form."""
    from ingest.pipeline import Ingester

    form = {name: request.form.get(name, "").strip() for name in FORM_FIELDS}
    uploaded = request.files.get("file")
    if uploaded is None or not uploaded.filename:
        return _upload_page(400, form, "Choose a file to upload.")
    filename = secure_filename(uploaded.filename)
    suffix = Path(filename).suffix.lower()
    media_type = UPLOAD_TYPES.get(suffix)
    if media_type is None:
        return _upload_page(
            400,
            form,
            f"{filename or uploaded.filename}: unsupported file type "
            f"{suffix or '(none)'} (use {UPLOAD_TYPES_TEXT})",
        )
    if not form["visibility"]:
        return _upload_page(400, form, "Choose who may read the document.")
    source = f"upload:{filename}"
    with Ingester(get_kb()) as ingester:
        outcome = ingester.ingest_bytes(uploaded.read(), media_type, source=source, given=form)
    if outcome.status == "failed":
        return _upload_page(400, form, f"{filename}: {outcome.reason}")
    doc = get_kb().store.find_document(source)
    return _upload_page(201 if outcome.status == "added" else 200, None, None, outcome, doc)


@bp.get("/documents")
@staff_required
def documents():
    """List every document with its visibility and the staff actions."""
    docs = get_kb().list_documents(VISIBILITIES, sort="newest")
    return render_template("staff_documents.html", docs=docs, visibilities=VISIBILITIES)


def _document(doc_id: int):
    doc = get_kb().store.get_document(doc_id)
    if doc is None:
        raise NotFound(f"No document {doc_id}.")
    return doc


@bp.post("/documents/<int:doc_id>/delete")
@staff_required
def delete(doc_id: int):
    """Delete a document, its passages, keyword entries, vectors and stored original."""
    doc = get_kb().delete(_document(doc_id).source)
    return render_template("staff_done.html", message=f"Deleted document {doc.id}: {doc.title}.")


@bp.post("/documents/<int:doc_id>/visibility")
@staff_required
def visibility(doc_id: int):
    """Change who may read a document."""
    level = request.form.get("visibility", "")
    if level not in VISIBILITIES:
        abort(400, description=f"Visibility must be one of: {', '.join(VISIBILITIES)}.")
    doc = get_kb().set_visibility(_document(doc_id).source, level)
    return render_template(
        "staff_done.html",
        message=f"Document {doc.id} ({doc.title}) is now {doc.visibility}.",
        doc=doc,
    )
