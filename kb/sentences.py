"""Sentence boundaries with character offsets, for chunking and answer extraction."""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "no",
    "art",
    "vs",
    "st",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "incl",
    "cf",
    "p",
    "pp",
    "vol",
    "fig",
    "ed",
    "eds",
    "co",
    "ltd",
    "inc",
    "dept",
    "u.s",
    "e.u",
}
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-ZÀ-Ý0-9])|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of ``text``, trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()].rstrip()
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        token = last_word.rstrip(".!?…\"'”’)").lower()
        if match.group(0).strip() == "" and "\n" not in match.group(0):
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


# A key figure set on a line of its own: "23,000", "95%", "1.2 million".
_KEY_FIGURE = re.compile(r"\d[\d.,\s]*(?:%|k|m|bn|million|billion)?", re.IGNORECASE)


def is_key_figure(line: str) -> bool:
    """Return whether a line is a figure alone, as infographics and key-figure boxes set them."""
    return bool(_KEY_FIGURE.fullmatch(line.strip()))
