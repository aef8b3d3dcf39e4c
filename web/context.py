"""Per-request access to the knowledge base and the viewer's role."""

from __future__ import annotations

from flask import current_app, g

from kb.access import visible_levels
from kb.knowledge_base import KnowledgeBase


def get_kb() -> KnowledgeBase:
    """Return the app's knowledge base."""
    return current_app.extensions["kb"]


def current_role() -> str:
    """Return the role of whoever is making this request (set by web.auth.load_viewer)."""
    return g.get("role", "public")


def current_visibilities() -> tuple[str, ...]:
    """Return the document visibilities this request may read."""
    return visible_levels(current_role())
