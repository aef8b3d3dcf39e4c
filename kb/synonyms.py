"""Words a reader types for what the publications say another way: "bankrolled", "funded".

A query word that no visible passage contains is looked up in a thesaurus of the field's
words (cooperatives, EU policy, an organisation's publications). Its synonyms that passages
do contain then count as it: in keyword search, in what counts as a match and in rescoring,
where the word weighs as rare as its synonyms together are. A word the passages use is left
alone, so names, acronyms and terms keep their precision.

The thesaurus is a text file (the shipped ``synonyms.txt``, or ``synonyms.txt`` in a
knowledge base's home, which replaces it), one group per line: ``a, b, c`` are
interchangeable; ``a => b, c`` reads a as b or c, not back. Entries may be phrases; ``#``
starts a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kb.errors import KnowledgeBaseError

SHIPPED = Path(__file__).with_name("synonyms.txt")
FILE_NAME = "synonyms.txt"

_WORDS = re.compile(r"[\w'’-]+")
_POSSESSIVE = re.compile(r"['’]s\b")


@dataclass(frozen=True)
class Group:
    """Entries that read as the others: ``entries`` (typed) -> ``meanings`` (searched)."""

    entries: tuple[str, ...]
    meanings: tuple[str, ...]


@dataclass(frozen=True)
class Synonyms:
    """A thesaurus entry found in a query, the query term it attaches to, and its synonyms."""

    term: str
    entry: str
    others: list[str]


class ThesaurusError(KnowledgeBaseError):
    """A thesaurus line that cannot be read, with its file and line number."""


def _entries(text: str) -> tuple[str, ...]:
    return tuple(" ".join(_WORDS.findall(e.lower())) for e in text.split(",") if e.strip())


def _spaced(text: str) -> str:
    """Return lower-case words joined by single spaces, hyphens read as spaces ("co-op") and
    possessives as the word ("the banker's study")."""
    return " ".join(_WORDS.findall(_POSSESSIVE.sub("", text.lower().replace("-", " "))))


def parse_thesaurus(text: str, source: str = FILE_NAME) -> list[Group]:
    """Read thesaurus lines into groups; raise ThesaurusError naming a malformed line."""
    groups = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        typed, arrow, meant = line.partition("=>")
        entries, meanings = _entries(typed), _entries(meant if arrow else typed)
        if (arrow and not entries) or len(meanings) < (1 if arrow else 2):
            raise ThesaurusError(f"{source}, line {number}: expected 'a, b' or 'a => b'")
        groups.append(Group(entries, meanings))
    return groups


def load_thesaurus(home: Path | None = None) -> list[Group]:
    """Load the home's own thesaurus if it has one, else the shipped one."""
    path = home / FILE_NAME if home is not None and (home / FILE_NAME).is_file() else SHIPPED
    return parse_thesaurus(path.read_text(encoding="utf-8"), str(path))


def synonyms_of(groups: list[Group], question: str, terms: list[str]) -> list[Synonyms]:
    """Return the thesaurus entries a question holds, each with its synonyms.

    A phrase entry ("labour movement", "third-sector") applies when the question holds it;
    its synonyms attach to the first query term holding one of its words. Synonyms the
    question already says are left out: "tour" reads as "visit", but not in "tour during
    the visit".
    """
    words = " " + _spaced(question) + " "
    by_lower = {term.lower(): _spaced(term).split() for term in terms}
    found: dict[tuple[str, str], set[str]] = {}
    for group in groups:
        for entry in group.entries:
            spaced = _spaced(entry)
            if entry in by_lower:
                term = entry
            elif " " in spaced and f" {spaced} " in words:
                shared = set(spaced.split())
                term = next((t for t, parts in by_lower.items() if shared & set(parts)), None)
            else:
                term = None
            if term is not None:
                said = {m for m in group.meanings if f" {_spaced(m)} " in words}
                others = set(group.meanings) - said - {entry}
                found.setdefault((term, entry), set()).update(others)
    return [
        Synonyms(term, entry, sorted(others)) for (term, entry), others in found.items() if others
    ]
