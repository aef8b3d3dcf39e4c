"""People who sign in and API tokens, kept in the home's SQLite (`users` and `tokens`).

Passwords are hashed with argon2id; a token is shown once when created and only its SHA-256
hash is stored, so neither can be read back from the database.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kb.errors import KnowledgeBaseError
from kb.store import Store, now_iso

USER_ROLES = ("member", "staff", "admin")
TOKEN_ROLES = ("member", "staff")
STAFF_ROLES = ("staff", "admin")
TOKEN_PREFIX = "kbt_"
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 1024
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


class AccountError(KnowledgeBaseError):
    """A user or token request that cannot be carried out (bad name, role, password...)."""


@dataclass(frozen=True)
class User:
    """Someone who signs in with a name and password."""

    id: int
    name: str
    role: str
    created_at: str


@dataclass(frozen=True)
class TokenInfo:
    """An API token as listed: never the token itself."""

    id: int
    name: str
    role: str
    created_at: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        """Return True while the token has not been revoked."""
        return self.revoked_at is None


def hash_token(token: str) -> str:
    """Return the stored form of a token: the hex SHA-256 of its text."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_name(name: str, what: str = "user name") -> str:
    """Return ``name`` if it is 1-64 letters, digits or ._@- (starting with one of the first)."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise AccountError(
            f"invalid {what} {name!r}: use 1 to 64 letters, digits, '.', '_', '@' or '-'"
        )
    return name


def check_role(role: str, allowed: tuple[str, ...] = USER_ROLES) -> str:
    """Return ``role`` if it is one of ``allowed``."""
    if role not in allowed:
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(allowed)}")
    return role


def check_password(password: str) -> str:
    """Return ``password`` if it is long enough (and not absurdly long)."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"the password must have at most {MAX_PASSWORD_CHARS} characters")
    return password


class Accounts:
    """Users and API tokens of one home."""

    def __init__(self, store: Store, hasher: PasswordHasher | None = None):
        self.store = store
        self.hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None

    # -- users --

    def add_user(self, name: str, role: str, password: str) -> User:
        """Create a user; raise AccountError if the name is taken or an input is invalid."""
        check_name(name)
        check_role(role)
        password_hash = self.hasher.hash(check_password(password))
        try:
            with self.store.transaction() as conn:
                cursor = conn.execute(
                    "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    (name, role, password_hash, now_iso()),
                )
        except sqlite3.IntegrityError:
            raise AccountError(f"a user named {name!r} already exists") from None
        return self.get_user(int(cursor.lastrowid))

    def get_user(self, user_id: int) -> User | None:
        """Return a user by id, or None."""
        row = self.store.conn.execute(
            "SELECT id, name, role, created_at FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        return User(*row) if row else None

    def find_user(self, name: str) -> User | None:
        """Return a user by name, or None."""
        row = self.store.conn.execute(
            "SELECT id, name, role, created_at FROM users WHERE name = ?", (name,)
        ).fetchone()
        return User(*row) if row else None

    def verify_password(self, name: str, password: str) -> User | None:
        """Return the user if the password is right, else None.

        An unknown name costs one hash check too, so timing does not tell names apart. A hash
        made with older parameters is replaced by one made with the current ones.
        """
        row = self.store.conn.execute(
            "SELECT id, password_hash FROM users WHERE name = ?", (name,)
        ).fetchone()
        if not isinstance(password, str) or len(password) > MAX_PASSWORD_CHARS:
            password = ""
        if row is None:
            try:
                self.hasher.verify(self._dummy(), password)
            except VerificationError:
                pass
            return None
        try:
            self.hasher.verify(row["password_hash"], password)
        except (VerificationError, InvalidHashError):  # a mismatch is a VerificationError
            return None
        if self.hasher.check_needs_rehash(row["password_hash"]):
            with self.store.transaction() as conn:
                conn.execute(
                    "UPDATE users SET password_hash = ? WHERE id = ?",
                    (self.hasher.hash(password), row["id"]),
                )
        return self.get_user(row["id"])

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy_hash

    def set_password(self, name: str, password: str) -> User:
        """Replace a user's password."""
        user = self._existing_user(name)
        password_hash = self.hasher.hash(check_password(password))
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user.id)
            )
        return user

    def remove_user(self, name: str) -> User:
        """Delete a user; their signed-in sessions stop working at their next request."""
        user = self._existing_user(name)
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM users WHERE id = ?", (user.id,))
        return user

    def list_users(self) -> list[User]:
        """Return every user by name."""
        rows = self.store.conn.execute(
            "SELECT id, name, role, created_at FROM users ORDER BY name"
        ).fetchall()
        return [User(*row) for row in rows]

    def _existing_user(self, name: str) -> User:
        user = self.find_user(name)
        if user is None:
            raise AccountError(f"no user named {name!r}")
        return user

    # -- API tokens --

    def create_token(self, role: str, name: str | None = None) -> tuple[int, str]:
        """Create a token for ``role``; return its id and the token (shown only this once).

        Names of active tokens are unique, so a token can be revoked by name; without a name
        the token is called ``<role>-<id>``.
        """
        check_role(role, TOKEN_ROLES)
        if name is not None:
            check_name(name, "token name")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            if (
                name is not None
                and conn.execute(
                    "SELECT 1 FROM tokens WHERE name = ? AND revoked_at IS NULL", (name,)
                ).fetchone()
            ):
                raise AccountError(f"an active token named {name!r} already exists")
            cursor = conn.execute(
                "INSERT INTO tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
                (name or "", role, hash_token(token), now_iso()),
            )
            token_id = int(cursor.lastrowid)
            if name is None:
                conn.execute(
                    "UPDATE tokens SET name = ? WHERE id = ?", (f"{role}-{token_id}", token_id)
                )
        return token_id, token

    def role_for_token(self, token: str) -> str | None:
        """Return the role a token grants, or None if it is unknown, malformed or revoked."""
        if not isinstance(token, str) or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        row = self.store.conn.execute(
            "SELECT role FROM tokens WHERE token_hash = ? AND revoked_at IS NULL",
            (hash_token(token),),
        ).fetchone()
        return row["role"] if row else None

    def revoke_token(self, id_or_name: str | int) -> list[TokenInfo]:
        """Revoke the active token with this id (or, failing that, this name); return it."""
        key = str(id_or_name)
        with self.store.transaction() as conn:
            rows = []
            if key.isdigit():
                rows = conn.execute(
                    "SELECT id FROM tokens WHERE id = ? AND revoked_at IS NULL", (int(key),)
                ).fetchall()
            if not rows:
                rows = conn.execute(
                    "SELECT id FROM tokens WHERE name = ? AND revoked_at IS NULL", (key,)
                ).fetchall()
            if not rows:
                raise AccountError(f"no active token with id or name {key!r}")
            ids = [row["id"] for row in rows]
            conn.executemany(
                "UPDATE tokens SET revoked_at = ? WHERE id = ?", [(now_iso(), i) for i in ids]
            )
        return [t for t in self.list_tokens() if t.id in ids]

    def list_tokens(self) -> list[TokenInfo]:
        """Return every token's id, name, role and dates (never the token)."""
        rows = self.store.conn.execute(
            "SELECT id, name, role, created_at, revoked_at FROM tokens ORDER BY id"
        ).fetchall()
        return [TokenInfo(*row) for row in rows]
