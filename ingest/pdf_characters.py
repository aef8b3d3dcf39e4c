"""Give a PDF's text the characters a reader types: plain letters and hyphens, whole words.

A PDF's fonts may map a ligature to one character ("ﬁnancial"), a hyphen to U+2010, and
a heading set with wide letter spacing comes out of the text extractor one letter at a
time ("F U L L M E M B E R S", the word gap lost). Some producers draw no space glyphs, and
on a tightly justified line the gaps between words are too narrow for the extractor to read
as spaces ("ourinternsin2024"). Searches type "financial", "self-employed", "full members"
and "our interns in 2024", so those forms are made plain.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from itertools import product

from ingest.pdf_paragraphs import HYPHENS

LIGATURES = re.compile("[\ufb00-\ufb06]")  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
HYPHEN_FORMS = str.maketrans({"\u2010": "-", "\u2011": "-"})
# Four or more pieces of one to three letters or digits in a row, one space apart: a word
# set letter-spaced, where a kerned pair may come out together ("A S S O C I AT E D").
SPACED_LETTERS = re.compile(r"(?<!\S)(?:[^\W_]{1,3} ){3,}[^\W_]{1,3}(?!\S)")
SPACED_SHARE = 0.6  # share of single letters in such a run, unheard of in prose
WORD = re.compile(r"[^\W\d_]{2,}|\b[aAiI]\b")
ENDINGS = ("", "s", "es", "ed", "ing")
STEMMED_PIECE = 6  # a piece this long may be known by its stem ("affiliates", "affiliated")
UNKNOWN_PIECE = 2.0  # cost of a piece the document's words do not hold, plus one per letter
SHORT_PIECE = 2  # a known piece this short beside an unknown one is part of it
# Letters and digits without a space, made of known words: a line whose word gaps were lost.
# A hashtag ("#CoopSkills2023") is one word on purpose.
GLUED = re.compile(r"(?<![#@\w])[^\W_]{10,}")
GLUED_LINE = 20  # characters such a run has when a whole line lost its gaps
GLUED_EVIDENCE = 3  # runs that long, made of known words, a document shows before any is split
UNKNOWN_SHARE = 0.5  # at most this share of a glued run's letters in words the document lacks
UNKNOWN_PIECE_LETTERS = 4  # a piece no word covers is a name or rare word, not a fragment
# A shorter run is split only into three or more known words, two of them three letters or
# more: "ourinternsin2024", but not "statement" or "discussion" ("discuss", "i", "on").
SHORT_RUN_PIECES = 3
# Punctuation the lost gap left against the next word: "Italy,and", "achievement.CECOP".
GLUED_PUNCTUATION = re.compile(r"((?<=[^\W\d_]{2})[,;:]|(?<=[a-z]{2})[.](?=[A-Z]))(?=[^\W\d_])")
HYPHENATED = re.compile(rf"[^\W\d_][{HYPHENS}]$")  # a word broken at the line's end


# A glyph a font maps to no character (U+0000, U+FFFD) inside a word is a ligature its
# producer left unmapped: Qt's PDF engine writes "publica\x00on" for Lato's "ti", and the
# font's "tt", "ft" and "tf" alike. The letters are read back from the words they make.
UNMAPPED = "\x00\ufffd"
UNMAPPED_WORD = re.compile(rf"[^\W\d_]*(?:[{UNMAPPED}][^\W\d_]*)+")
LIGATURE_LETTERS = ("ti", "tt", "ft", "tf", "fi", "fl", "ff", "ffi", "ffl", "fj", "st", "ct", "th")
MOST_UNMAPPED = 2  # glyphs in one word worth trying every spelling of


def restore_unmapped_ligatures(texts: list[str], dictionary: Iterable[str] = ()) -> list[str]:
    """Return lines with unmapped ligature glyphs spelt out as the letters that make words.

    A word is read with each ligature's letters in turn; the first spelling found among the
    document's own words or the ``dictionary`` (its stem, too) is kept. A word no spelling
    makes known (a name: "Nikole\x00") takes the letters the document's other words took
    most often. Glyphs outside words are dropped.
    """
    if not any(char in text for text in texts for char in UNMAPPED):
        return texts
    # a name set in capitals elsewhere ("ILARIA BUTTU") has no ligature to lose
    known = {word.lower() for text in texts for word in WORD.findall(text)} | set(dictionary)
    spellings: dict[str, str | None] = {}
    votes: Counter[str] = Counter()
    for text in texts:
        for word in UNMAPPED_WORD.findall(text):
            if word not in spellings:
                spellings[word] = _ligature_spelling(word, known, votes)
    usual = votes.most_common(1)[0][0] if votes else LIGATURE_LETTERS[0]
    unmapped = re.compile(f"[{UNMAPPED}]")

    def spelt(match: re.Match) -> str:
        word = match.group()
        if word.strip(UNMAPPED) == "":
            return ""
        return spellings.get(word) or unmapped.sub(usual, word)

    return [UNMAPPED_WORD.sub(spelt, text) for text in texts]


def _ligature_spelling(word: str, known: set[str], votes: Counter[str]) -> str | None:
    """Return ``word`` with its unmapped glyphs spelt so that it is a known word, or None."""
    pieces = re.split(f"[{UNMAPPED}]", word)
    if len(pieces) - 1 > MOST_UNMAPPED or not word.strip(UNMAPPED):
        return None
    for letters in product(LIGATURE_LETTERS, repeat=len(pieces) - 1):
        glyphs = zip(letters, pieces[1:], strict=True)
        spelling = pieces[0] + "".join(spelt + piece for spelt, piece in glyphs)
        if _known(spelling.lower(), known):
            votes.update(letters)
            return spelling
    return None


def plain_characters(text: str) -> str:
    """Return text with ligatures spelt out and the Unicode hyphen forms as "-"."""
    text = LIGATURES.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)
    return text.translate(HYPHEN_FORMS)


def document_words(texts: Iterable[str]) -> set[str]:
    """Return the lower-case words of a document's lines, to tell where spaced words end.

    The letters of letter-spaced runs are left out: their pieces ("AT", "RY") are not words.
    """
    words: set[str] = set()
    for text in texts:
        plain = SPACED_LETTERS.sub(
            lambda match: " " if _letter_spaced(match) else match.group(), text
        )
        words.update(word.lower() for word in WORD.findall(plain))
    return words


def join_spaced_letters(text: str, words: set[str]) -> str:
    """Return text with letter-spaced words joined: "F U L L M E M B E R S" -> "FULL MEMBERS".

    The letters of a run are split into the fewest words the document uses elsewhere;
    digits form numbers of their own, and letters no known word covers stay one word.
    """
    return SPACED_LETTERS.sub(
        lambda match: (
            _split_words(match.group().replace(" ", ""), words)
            if _letter_spaced(match)
            else match.group()
        ),
        text,
    )


def split_glued_words(texts: list[str]) -> list[str]:
    """Return lines with words run together by lost gaps split where the document's words end.

    Only a document that shows the loss is changed: at least ``GLUED_EVIDENCE`` runs of
    ``GLUED_LINE`` characters that divide into words it uses elsewhere. In such a document a
    run of ten or more letters and digits that is not itself such a word, and divides into
    them (with a few letters no word covers, as a name used once), is split:
    "ourinternsin2024" becomes "our interns in 2024".
    """
    words = _whole_words(texts)
    runs = {run for text in texts for run in GLUED.findall(text)}
    candidates = (run for run in runs if not _known(run.lower(), words))
    splits = {run: split for run in candidates if (split := _glued_split(run, words)) != run}
    if sum(len(run) >= GLUED_LINE for run in splits) < GLUED_EVIDENCE:
        return texts
    glued = re.compile("|".join(sorted(map(re.escape, splits), key=len, reverse=True)))
    return [
        GLUED_PUNCTUATION.sub(r"\1 ", glued.sub(lambda match: splits[match.group()], text))
        for text in texts
    ]


def _whole_words(texts: list[str]) -> set[str]:
    """Return the words a document uses twice or more, not counting pieces of hyphenated words.

    "imple-" ending a line and "mentation" opening the next are no words of their own.
    """
    counts: Counter[str] = Counter()
    broken = False
    for text in texts:
        found = [word.lower() for word in WORD.findall(text)]
        if broken and found:
            found = found[1:]
        broken = bool(HYPHENATED.search(text.rstrip()))
        if broken and found:
            found = found[:-1]
        counts.update(found)
    return {word for word, count in counts.items() if count > 1} | {"a", "i"}


def _glued_split(run: str, words: set[str]) -> str:
    """Return a run divided into the document's words, or the run when they do not cover it."""
    split = _split_words(run, words)
    pieces = split.split(" ")
    unknown = [piece for piece in pieces if not _known(piece.lower(), words)]
    if any(len(piece) < UNKNOWN_PIECE_LETTERS for piece in unknown):
        return run
    if len(run) < GLUED_LINE:
        # a single word used once may divide into words too ("state", "ment")
        words_of_three = sum(len(piece) >= 3 for piece in pieces)
        if unknown or len(pieces) < SHORT_RUN_PIECES or words_of_three < 2:
            return run
    if len(pieces) < 2 or sum(map(len, unknown)) > UNKNOWN_SHARE * len(run):
        return run
    return split


def _letter_spaced(match: re.Match) -> bool:
    """Return whether a run of short pieces is mostly single letters: a word spaced out."""
    pieces = match.group().split(" ")
    return sum(len(piece) == 1 for piece in pieces) >= SPACED_SHARE * len(pieces)


def _split_words(letters: str, words: set[str]) -> str:
    """Return a run of letters with spaces where the document's words divide it.

    The fewest known words win; a piece no word covers takes in the short pieces beside
    it, so an unknown word is not cut into small known ones ("AS SO CIATED").
    """
    lower = letters.lower()
    size = len(lower)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * size
    for end in range(1, size + 1):
        for start in range(end):
            cost = 1.0 if _known(lower[start:end], words) else UNKNOWN_PIECE + end - start
            if best[start][0] + cost < best[end][0]:
                best[end] = (best[start][0] + cost, start)
    bounds, end = [], size
    while end:
        bounds.append((best[end][1], end))
        end = best[end][1]
    pieces = [(start, end, _known(lower[start:end], words)) for start, end in reversed(bounds)]
    index = 0
    while index < len(pieces) - 1:
        (start, _, known), (_, end, next_known) = pieces[index], pieces[index + 1]
        if not (known and next_known) and _absorbed(pieces[index], pieces[index + 1]):
            pieces[index : index + 2] = [(start, end, False)]
            index = max(index - 1, 0)  # the longer piece may take in the one before
        else:
            index += 1
    return " ".join(letters[start:end] for start, end, _ in pieces)


def _known(piece: str, words: set[str]) -> bool:
    """Return whether a piece is a number or a word of the document, give or take an ending.

    "partner" is known from "partners", and "affiliates" from "affiliated".
    """
    if piece.isdigit():
        return True
    stems = {piece}
    if len(piece) >= STEMMED_PIECE:
        stems.update(piece[: -len(end)] for end in ENDINGS if end and piece.endswith(end))
    return any(stem + ending in words for stem in stems for ending in ENDINGS)


def _absorbed(before: tuple, after: tuple) -> bool:
    """Return whether two neighbouring pieces make one word: an unknown one and a short one."""
    return (not before[2] and after[1] - after[0] <= SHORT_PIECE) or (
        not after[2] and before[1] - before[0] <= SHORT_PIECE
    )
