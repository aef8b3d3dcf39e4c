"""Every tunable setting in one declarative table: name, default and what it does."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

BUNDLED_MODEL = "all-MiniLM-L6-v2"
DEFAULT_HOME = Path("indexes") / "default"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


def setting(default: object, help: str):  # noqa: A002 - the table's column name
    """Declare a Config field with its default and what it does."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Config:
    """Resolved settings for one knowledge-base home: the one table of settings."""

    home: Path = DEFAULT_HOME
    model: str = setting(BUNDLED_MODEL, "Sentence-transformers model name or path (KB_MODEL).")
    chunk_tokens: int = setting(160, "Target passage size in the model's tokens.")
    chunk_overlap_tokens: int = setting(
        32, "Tokens of trailing sentences repeated in the next passage."
    )
    chunk_min_tokens: int = setting(48, "Sections shorter than this are merged with the next one.")
    prefix_max_tokens: int = setting(40, "Token budget of the title and section prefix embedded.")
    max_file_mb: int = setting(50, "Files larger than this are refused at ingest.")
    parse_timeout_s: int = setting(60, "A file whose parsing takes longer is refused.")
    parse_memory_mb: int = setting(2048, "Address-space limit of the parsing worker.")
    candidate_depth: int = setting(100, "Candidates taken from each index before fusion.")
    rrf_k: int = setting(60, "Reciprocal rank fusion constant.")
    max_query_chars: int = setting(500, "Longer queries are refused.")
    max_upload_mb: int = setting(25, "Largest file accepted by the web upload form.")

    def with_overrides(self, **values: object) -> Config:
        """Return a copy with the given non-None values set."""
        known = {f.name for f in fields(self)}
        return replace(self, **{k: v for k, v in values.items() if v is not None and k in known})


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"]) for f in fields(Config) if "help" in f.metadata
)


def resolve_config(home: str | Path | None = None, model: str | None = None) -> Config:
    """Build the config from arguments, then the environment, then defaults."""
    home = home or os.environ.get("KB_HOME") or DEFAULT_HOME
    model = model or os.environ.get("KB_MODEL") or BUNDLED_MODEL
    return Config(home=Path(home), model=model)
