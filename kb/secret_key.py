"""The secret that signs web sessions: made on first run, kept in the home, never in code."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

SECRET_KEY_FILE = "secret_key"
MIN_SECRET_BYTES = 32


def load_or_create_secret_key(home: Path) -> bytes:
    """Return the home's session secret, creating ``<home>/secret_key`` (mode 0600) if needed.

    The file holds 64 random hex characters. Two processes starting at once agree on one
    secret: the file is written aside and linked into place only if it does not exist yet.
    Replacing the file (with 32 or more bytes) signs everyone out.
    """
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    path = home / SECRET_KEY_FILE
    if not path.exists():
        _create(path)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    secret = path.read_bytes().strip()
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(
            f"{path} holds fewer than {MIN_SECRET_BYTES} bytes; delete it to make a new secret"
        )
    return secret


def _create(path: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".secret_key.", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(MIN_SECRET_BYTES) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
    finally:
        os.unlink(tmp)
