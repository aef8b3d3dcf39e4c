"""Document metadata: given on the command line, in sidecars or a folder CSV, or inferred."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.document import ParsedDocument
from ingest.errors import LoadError
from kb.access import VISIBILITIES
from kb.records import DOCUMENT_TYPES

FIELDS = ("title", "type", "date", "language", "visibility", "tags")
SIDECAR_SUFFIX = ".meta.json"
FOLDER_CSV = "metadata.csv"

_FOLDER_TYPES = {
    "report": "report",
    "reports": "report",
    "annual-reports": "report",
    "position-paper": "position paper",
    "position-papers": "position paper",
    "positions": "position paper",
    "position_papers": "position paper",
    "news": "news",
    "press": "news",
    "press-releases": "news",
    "newsletter": "newsletter",
    "newsletters": "newsletter",
    "bulletins": "newsletter",
    "publication": "publication",
    "publications": "publication",
    "other": "other",
}
_TITLE_TYPES = (
    ("position paper", "position paper"),
    ("newsletter", "newsletter"),
    ("bulletin", "newsletter"),
    ("activity report", "report"),
    ("annual report", "report"),
    ("reaction", "news"),
    ("report", "report"),
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Metadata:
    """Resolved metadata of one document, and which fields were inferred (and how)."""

    title: str
    doc_type: str
    date: str | None
    language: str | None
    visibility: str
    tags: list[str]
    inferred: list[str] = field(default_factory=list)


def validate(values: dict, origin: str) -> dict:
    """Check metadata values given by a person; raise LoadError naming ``origin``."""
    clean = {}
    for key, value in values.items():
        if value in (None, "", []):
            continue
        if key not in FIELDS:
            raise LoadError(origin, f"unknown metadata field {key!r} (use {', '.join(FIELDS)})")
        if key == "type":
            value = str(value).strip().lower().replace("-", " ").replace("_", " ")
            if value not in DOCUMENT_TYPES:
                raise LoadError(origin, f"unknown type {value!r} (use {', '.join(DOCUMENT_TYPES)})")
        elif key == "visibility" and value not in VISIBILITIES:
            raise LoadError(origin, f"unknown visibility {value!r} (use {', '.join(VISIBILITIES)})")
        elif key == "date" and not _DATE.match(str(value)):
            raise LoadError(origin, f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        elif key == "tags":
            if isinstance(value, str):
                value = [t for t in re.split(r"[;,]", value)]
            value = [str(t).strip() for t in value if str(t).strip()]
        clean[key] = value
    return clean


def sidecar_path(path: Path) -> Path | None:
    """Return the sidecar of a file (``NAME.meta.json`` or ``NAME.ext.meta.json``), if any."""
    for candidate in (
        path.with_name(path.stem + SIDECAR_SUFFIX),
        path.with_name(path.name + SIDECAR_SUFFIX),
    ):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> dict:
    """Return the metadata in a file's sidecar, validated."""
    sidecar = sidecar_path(path)
    if sidecar is None:
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LoadError(str(sidecar), f"unreadable metadata sidecar: {exc}") from exc
    if not isinstance(data, dict):
        raise LoadError(str(sidecar), "metadata sidecar must hold a JSON object")
    return validate(data, str(sidecar))


@lru_cache(maxsize=256)
def _folder_rows(folder: Path, mtime: float) -> dict[str, dict]:
    path = folder / FOLDER_CSV
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, csv.Error, UnicodeDecodeError) as exc:
        raise LoadError(str(path), f"unreadable metadata.csv: {exc}") from exc
    table = {}
    for row in rows:
        name = (row.pop("file", None) or "").strip()
        if name:
            table[name] = validate({k: v for k, v in row.items() if k}, f"{path} ({name})")
    return table


def read_folder_csv(path: Path) -> dict:
    """Return the row of ``metadata.csv`` beside a file that names it, if any."""
    csv_path = path.parent / FOLDER_CSV
    if not csv_path.is_file():
        return {}
    return dict(_folder_rows(path.parent, csv_path.stat().st_mtime).get(path.name, {}))


def infer_type(path: Path | None, parsed: ParsedDocument) -> tuple[str, str]:
    """Guess a document's type from its folder, then its title, then its form."""
    if path is not None:
        for parent in path.parents:
            if parent.name.lower() in _FOLDER_TYPES:
                return _FOLDER_TYPES[parent.name.lower()], "type from folder"
    title = (parsed.title or "").lower()
    for keyword, doc_type in _TITLE_TYPES:
        if keyword in title:
            return doc_type, "type from title"
    if parsed.media_type == "html":
        return "news", "type from form (web page)"
    return "other", "type by default"


def resolve(
    parsed: ParsedDocument,
    path: Path | None,
    given: dict,
) -> Metadata:
    """Merge given metadata (command line over sidecar over CSV) with inferred values."""
    inferred = []
    title = given.get("title") or parsed.title
    if not title:
        stem = Path(parsed.source.rstrip("/")).stem or parsed.source
        title = re.sub(r"[-_]+", " ", stem).strip().capitalize()
        inferred.append("title from file name")
    elif "title" not in given:
        inferred.append("title from content")
    doc_type = given.get("type")
    if not doc_type:
        doc_type, how = infer_type(path, parsed)
        inferred.append(how)
    date = given.get("date") or parsed.date
    if date and "date" not in given:
        inferred.append("date from content")
    language = given.get("language") or parsed.language
    if language and "language" not in given:
        inferred.append("language from content")
    visibility = given.get("visibility") or "public"
    if "visibility" not in given:
        inferred.append("visibility by default")
    return Metadata(
        title=" ".join(str(title).split()),
        doc_type=doc_type,
        date=date,
        language=language,
        visibility=visibility,
        tags=list(given.get("tags") or []),
        inferred=inferred,
    )
