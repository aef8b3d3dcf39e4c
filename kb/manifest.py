"""The home's self-description: model, dimension, chunking settings, schema version."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kb import __version__
from kb.atomic import atomic_write_bytes
from kb.errors import IncompatibleHome

SCHEMA_VERSION = 1
MANIFEST_NAME = "manifest.json"


@dataclass
class Manifest:
    model: str
    dimension: int
    chunking: dict = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    kb_version: str = __version__

    def save(self, home: Path) -> None:
        """Write the manifest atomically into ``home``."""
        data = json.dumps(asdict(self), indent=2, sort_keys=True).encode() + b"\n"
        atomic_write_bytes(home / MANIFEST_NAME, data)


def read_manifest(home: Path) -> Manifest | None:
    """Return the home's manifest, or None for a new home."""
    path = home / MANIFEST_NAME
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text())
        return Manifest(**data)
    except (ValueError, TypeError) as exc:
        raise IncompatibleHome(f"{path} is not a valid manifest ({exc}).") from exc


def check_manifest(manifest: Manifest, home: Path, model: str, dimension: int) -> None:
    """Refuse a home built with another model, dimension or schema."""
    rebuild = (
        f"Rebuild it with `kb --home {home} --model {model} rebuild` (re-embeds the stored "
        f"passages), or open it with `--model {manifest.model}`."
    )
    if manifest.schema_version != SCHEMA_VERSION:
        raise IncompatibleHome(
            f"The index at {home} has schema version {manifest.schema_version}; this version "
            f"of kb reads schema {SCHEMA_VERSION}. Delete {home} and ingest again."
        )
    if manifest.model != model or manifest.dimension != dimension:
        raise IncompatibleHome(
            f"The index at {home} was built with model {manifest.model!r} "
            f"({manifest.dimension} dimensions), but this run uses {model!r} "
            f"({dimension} dimensions). {rebuild}"
        )
