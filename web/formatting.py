"""Template filters and globals shared by every page: dates, types, languages, links."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, url_for

from kb.citations import TYPE_LABELS, date_label, page_label

LANGUAGES = {
    "en": "English",
    "fr": "French",
    "it": "Italian",
    "es": "Spanish",
    "de": "German",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "ca": "Catalan",
    "eu": "Basque",
    "sv": "Swedish",
    "fi": "Finnish",
    "da": "Danish",
    "cs": "Czech",
    "sk": "Slovak",
    "sl": "Slovenian",
    "hr": "Croatian",
    "hu": "Hungarian",
    "ro": "Romanian",
    "bg": "Bulgarian",
    "el": "Greek",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "et": "Estonian",
    "mt": "Maltese",
    "ga": "Irish",
}
VISIBILITY_LABELS = {"public": "Public", "members": "Members only", "staff": "Staff only"}


def type_label(doc_type: str | None) -> str:
    """Return "Position paper" for "position paper"."""
    if not doc_type or doc_type == "other":
        return "Other"
    return TYPE_LABELS.get(doc_type, doc_type.capitalize())


def language_label(code: str | None) -> str:
    """Return "English" for "en" (the code itself, upper-cased, when unknown)."""
    if not code:
        return "Unknown language"
    return LANGUAGES.get(code.lower(), code.upper())


def host_of(url: str | None) -> str:
    """Return the host name of a URL without "www."."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")


def passage_url(doc_id: int, ordinal: int | None = None) -> str:
    """Return the document page at a passage (works with and without JavaScript)."""
    if ordinal is None:
        return url_for("documents.document_page", doc_id=doc_id)
    return url_for("documents.document_page", doc_id=doc_id, chunk=ordinal) + f"#chunk-{ordinal}"


def source_label(link: str, media_type: str, pages: str = "") -> str:
    """Return what a source link opens: "PDF at p. 13", "cecop.coop" or "full text"."""
    if link.startswith("/files/"):
        return f"PDF at {pages}" if pages else "PDF"
    if link.startswith(("http://", "https://")):
        return host_of(link) or "web page"
    return "full text"


def pages_filter(hit) -> str:
    """Render a hit's page label."""
    return page_label(hit.page_start, hit.page_end)


def init_app(app: Flask) -> None:
    """Register the filters and globals on the app's Jinja environment."""
    app.add_template_filter(date_label, "date_label")
    app.add_template_filter(type_label, "type_label")
    app.add_template_filter(language_label, "language_label")
    app.add_template_filter(host_of, "host")
    app.add_template_filter(pages_filter, "pages")
    app.add_template_global(type_label, "type_label_fn")
    app.add_template_global(language_label, "language_label_fn")
    app.add_template_global(passage_url, "passage_url")
    app.add_template_global(source_label, "source_label")
    app.add_template_global(VISIBILITY_LABELS, "visibility_labels")
