"""Name a document's language from a declared tag or, failing that, from its stop words."""

from __future__ import annotations

import re

STOP_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "en": "the and of to is that for with are this on be by as from it was have which not "
        "their has an at or will we our they been these can also its into",
        "fr": "le la les des et est une dans pour que qui sur pas par au aux du avec ce sont ont "
        "nous leur cette été il elle ces plus mais comme entre être",
        "it": "il della delle degli dei che è per una con non sono nel nella gli alla anche più "
        "questo come dal sul ha lo le ed tra essere",
        "es": "el los las del que y es una para con por se en al como más su sus pero este esta "
        "son ha lo también entre ser",
        "de": "der die das und ist nicht mit von zu den dem ein eine für auf sich des im auch "
        "werden wird sind bei oder wir",
        "pt": "o os as da do das dos e é um uma para com não que em no na por mais são ao pelo "
        "pela também seu sua entre ser",
    }.items()
}
WORD_PATTERN = re.compile(r"[^\W\d_]+")
LANGUAGE_TAG_PATTERN = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")
UNDETERMINED_LANGUAGES = {None, "und", "mul", "zxx", "mis"}
MIN_STOP_WORDS = 3
MAX_WORDS = 3000


def normalize_language_tag(tag: str | None) -> str | None:
    """Return the primary language of a tag like "en-GB" or "fr_BE" in lower case, or None."""
    if not tag:
        return None
    match = LANGUAGE_TAG_PATTERN.match(tag)
    language = match.group(1).lower() if match else None
    return None if language in UNDETERMINED_LANGUAGES else language


def detect_language(text: str) -> str | None:
    """Return the likeliest of en/fr/it/es/de/pt for ``text`` by counting stop words, or None."""
    words = WORD_PATTERN.findall(text.lower())[:MAX_WORDS]
    scores = {language: 0 for language in STOP_WORDS}
    for word in words:
        for language, stop_words in STOP_WORDS.items():
            if word in stop_words:
                scores[language] += 1
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, best_score), (_, runner_up_score) = ranked[0], ranked[1]
    if best_score < MIN_STOP_WORDS or best_score == runner_up_score:
        return None
    return best
