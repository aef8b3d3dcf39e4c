"""British and American spellings of a word, so a query in either finds both.

European documents mix "organisation" and "organization", "labour" and "labor", "centre" and
"center"; a reader types one. Stemming does not join them ("organis" and "organ").
"""

from __future__ import annotations

import re

# Word endings spelled one way in British and the other in American English.
_ENDINGS = (
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("ysing", "yzing"),
)
# Shortest start a word keeps before one of the endings: "rise" and "wise" keep theirs.
_MIN_STEM = 3
# Words whose "our" is American "or": labour, favourable, behaviour, neighbour, colour.
_OUR = re.compile(
    r"^(lab|fav|behavi|neighb|col|hon|harb|rum|hum|vap|endeav|flav|sav|vig|rig|od|ard|ferv)"
    r"(ou|o)(r.*)$"
)
# Single words that differ otherwise.
_WORDS = {
    "centre": "center", "centres": "centers", "programme": "program",
    "programmes": "programs", "defence": "defense", "licence": "license",
    "ageing": "aging", "judgement": "judgment", "fulfil": "fulfill", "enrol": "enroll",
    "catalogue": "catalog", "travelled": "traveled", "travelling": "traveling",
    "modelling": "modeling", "labelled": "labeled", "cancelled": "canceled",
}  # fmt: skip
_WORDS_BACK = {american: british for british, american in _WORDS.items()}


def spelling_variant(word: str) -> str | None:
    """Return the other side's spelling of a lower-case word, or None."""
    if word in _WORDS:
        return _WORDS[word]
    if word in _WORDS_BACK:
        return _WORDS_BACK[word]
    if match := _OUR.match(word):
        stem, vowel, rest = match.groups()
        return stem + ("o" if vowel == "ou" else "ou") + rest
    for british, american in _ENDINGS:
        for ending, other in ((british, american), (american, british)):
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
                return word[: -len(ending)] + other
    return None


def spelling_expansions(terms: list[str]) -> dict[str, list[str]]:
    """Map each term spelled the British or the American way to the other spelling."""
    found = {}
    for term in terms:
        variant = spelling_variant(term.lower())
        if variant:
            found[term.lower()] = [variant]
    return found
