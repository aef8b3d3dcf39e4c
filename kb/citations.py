"""How a passage is cited: page labels, citation strings and links to the source."""

from __future__ import annotations


def page_label(page_start: int | None, page_end: int | None) -> str:
    """Return "p. 13", "pp. 13–14" or "" for a passage without pages."""
    if page_start is None:
        return ""
    if page_end is None or page_end == page_start:
        return f"p. {page_start}"
    return f"pp. {page_start}–{page_end}"
