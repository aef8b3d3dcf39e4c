"""Who may see what: visibility levels of documents and the roles that read them."""

from __future__ import annotations

VISIBILITIES = ("public", "members", "staff")
ROLES = ("public", "member", "staff", "admin")

_SEES = {
    "public": ("public",),
    "member": ("public", "members"),
    "staff": VISIBILITIES,
    "admin": VISIBILITIES,
}


def visible_levels(role: str | None) -> tuple[str, ...]:
    """Return the document visibilities a role may read (unknown roles read public only)."""
    return _SEES.get(role or "public", ("public",))


def check_visibility(level: str) -> str:
    """Return ``level`` if it is a known visibility, else raise ValueError."""
    if level not in VISIBILITIES:
        raise ValueError(f"unknown visibility {level!r}: use one of {', '.join(VISIBILITIES)}")
    return level
