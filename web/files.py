"""Stored originals: /files/<doc_id> serves a document's file to those who may read it.

A PDF is shown inline, so citation links (``/files/<id>#page=N``) open at the page. HTML,
markdown and text are sent as ``text/plain``: a stored web page is never run as HTML on this
site. A document the viewer may not read answers 404, exactly as a missing one does, and only
files inside ``<home>/files`` are ever sent.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, send_file

from kb.errors import NotFound
from kb.knowledge_base import FILES_DIR
from kb.records import MEDIA_SUFFIXES
from web.context import current_visibilities, get_kb

bp = Blueprint("files", __name__)

PDF_POLICY = "default-src 'none'; object-src 'self'; frame-ancestors 'self'"
TEXT_POLICY = "default-src 'none'; frame-ancestors 'self'; sandbox"


def stored_original(home: Path, file_path: str | None) -> Path:
    """Return the absolute path of a stored original, or raise NotFound if it is not in files/."""
    if not file_path:
        raise NotFound("no stored original")
    root = (home / FILES_DIR).resolve()
    path = (home / file_path).resolve()
    if not path.is_relative_to(root) or path == root or not path.is_file():
        raise NotFound("no stored original")
    return path


@bp.get("/files/<int:doc_id>")
def original(doc_id: int):
    """Send a document's original file if the viewer may read the document."""
    kb = get_kb()
    doc = kb.get_document(doc_id, current_visibilities())
    path = stored_original(kb.home, doc.file_path)
    if doc.media_type == "pdf":
        response = send_file(
            path, mimetype="application/pdf", download_name=f"{doc_id}.pdf", conditional=True
        )
        policy = PDF_POLICY
    else:
        suffix = MEDIA_SUFFIXES.get(doc.media_type, ".txt")
        response = send_file(
            path, mimetype="text/plain", download_name=f"{doc_id}{suffix}.txt", conditional=True
        )
        policy = TEXT_POLICY
    response.headers["Content-Security-Policy"] = policy
    response.headers["X-Frame-Options"] = "SAMEORIGIN"  # the document page may embed it
    if doc.visibility != "public":
        response.cache_control.private = True
        response.cache_control.no_store = True
    return response
