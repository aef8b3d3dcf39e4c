"""Every tunable setting in one declarative table: name, default and what it does."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

BUNDLED_MODEL = "all-MiniLM-L6-v2"
DEFAULT_HOME = Path("indexes") / "default"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("model", BUNDLED_MODEL, "Sentence-transformers model name or path (env KB_MODEL)."),
    Setting("chunk_tokens", 160, "Target passage size in the model's tokens."),
    Setting(
        "chunk_overlap_tokens", 32, "Tokens of trailing sentences repeated in the next passage."
    ),
    Setting("chunk_min_tokens", 48, "Sections shorter than this are merged with the next one."),
    Setting("prefix_max_tokens", 40, "Token budget of the title and section prefix embedded."),
    Setting("max_file_mb", 50, "Files larger than this are refused at ingest."),
    Setting("parse_timeout_s", 60, "A file whose parsing takes longer is refused."),
    Setting("parse_memory_mb", 2048, "Address-space limit of the parsing worker."),
    Setting("candidate_depth", 100, "Candidates taken from each index before fusion."),
    Setting("rrf_k", 60, "Reciprocal rank fusion constant."),
    Setting("max_query_chars", 500, "Longer queries are refused."),
    Setting("max_upload_mb", 25, "Largest file accepted by the web upload form."),
)


@dataclass(frozen=True)
class Config:
    """Resolved settings for one knowledge-base home."""

    home: Path = DEFAULT_HOME
    model: str = BUNDLED_MODEL
    chunk_tokens: int = 160
    chunk_overlap_tokens: int = 32
    chunk_min_tokens: int = 48
    prefix_max_tokens: int = 40
    max_file_mb: int = 50
    parse_timeout_s: int = 60
    parse_memory_mb: int = 2048
    candidate_depth: int = 100
    rrf_k: int = 60
    max_query_chars: int = 500
    max_upload_mb: int = 25

    def with_overrides(self, **values: object) -> Config:
        """Return a copy with the given non-None values set."""
        known = {f.name for f in fields(self)}
        return replace(self, **{k: v for k, v in values.items() if v is not None and k in known})


def resolve_config(home: str | Path | None = None, model: str | None = None) -> Config:
    """Build the config from arguments, then the environment, then defaults."""
    home = home or os.environ.get("KB_HOME") or DEFAULT_HOME
    model = model or os.environ.get("KB_MODEL") or BUNDLED_MODEL
    return Config(home=Path(home), model=model)
