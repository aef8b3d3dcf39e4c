"""How a passage is cited: page labels, citation strings and links that open the source there.

Links follow the app's URL scheme: a served PDF opens at ``/files/<doc_id>#page=N``; a web
page opens at its canonical URL with a ``#:~:text=`` fragment of the passage's first words;
anything else opens the document page at ``/doc/<doc_id>#chunk-<ordinal>``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
TYPE_LABELS = {
    "report": "Report",
    "position paper": "Position paper",
    "news": "News",
    "newsletter": "Newsletter",
    "publication": "Publication",
    "other": "Document",
}


def page_label(page_start: int | None, page_end: int | None) -> str:
    """Return "p. 13", "pp. 13–14" or "" for a passage without pages."""
    if page_start is None:
        return ""
    if page_end is None or page_end == page_start:
        return f"p. {page_start}"
    return f"pp. {page_start}–{page_end}"


def date_label(date: str | None) -> str:
    """Return "12 March 2024", "May 2025", "2021" or "n.d." for an ISO date."""
    if not date:
        return "n.d."
    parts = date.split("-")
    year = parts[0]
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = MONTHS[int(parts[1]) - 1]
        if len(parts) == 3 and parts[2].isdigit():
            return f"{int(parts[2])} {month} {year}"
        return f"{month} {year}"
    return year


def citation_text(
    title: str,
    date: str | None,
    page_start: int | None,
    page_end: int | None,
    section: str = "",
    author: str = "CECOP",
) -> str:
    """Return a citation to paste: CECOP, "Activity Report 2024", May 2025, p. 13."""
    parts = [author, f"\u201c{title}\u201d", date_label(date)]
    pages = page_label(page_start, page_end)
    if pages:
        parts.append(pages)
    elif section:
        parts.append(f"section \u201c{section.split(' > ')[-1]}\u201d")
    return ", ".join(parts)


def text_fragment(text: str, words: int = 8) -> str:
    """Return a ``#:~:text=`` fragment that scrolls a browser to the passage's first words."""
    first = " ".join(re.findall(r"[\w’'-]+", text)[:words])
    return "#:~:text=" + quote(first, safe="")


def citation_link(
    doc_id: int,
    media_type: str,
    canonical_url: str | None,
    page_start: int | None,
    ordinal: int,
    text: str,
) -> str:
    """Return the link that opens the source at the passage."""
    if media_type == "pdf":
        return f"/files/{doc_id}#page={page_start or 1}"
    if canonical_url and canonical_url.startswith(("http://", "https://")):
        return canonical_url.split("#")[0] + text_fragment(text)
    return f"/doc/{doc_id}#chunk-{ordinal}"
