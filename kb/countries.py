"""A country and the adjective naming its people: "Bulgarian member", "our member from Bulgaria".

Publications write "NUWPC, Bulgaria" where a reader asks for "the Bulgarian member", and "the
Belgian Presidency" where a reader asks what happened "while Belgium held the presidency".
Stemming does not join the two ("bulgarian", "bulgaria"), so a query word naming either also
matches the other.
"""

from __future__ import annotations

# Each line: the country's names, then the adjectives (lower case).
_COUNTRIES = (
    ("austria", "austrian"),
    ("belgium", "belgian"),
    ("bulgaria", "bulgarian"),
    ("croatia", "croatian"),
    ("cyprus", "cypriot"),
    ("czechia", "czech"),
    ("denmark", "danish"),
    ("estonia", "estonian"),
    ("finland", "finnish"),
    ("france", "french"),
    ("germany", "german"),
    ("greece", "greek"),
    ("hungary", "hungarian"),
    ("ireland", "irish"),
    ("italy", "italian"),
    ("latvia", "latvian"),
    ("lithuania", "lithuanian"),
    ("luxembourg", "luxembourgish"),
    ("malta", "maltese"),
    ("netherlands", "dutch"),
    ("poland", "polish"),
    ("portugal", "portuguese"),
    ("romania", "romanian"),
    ("slovakia", "slovak", "slovakian"),
    ("slovenia", "slovenian", "slovene"),
    ("spain", "spanish"),
    ("sweden", "swedish"),
    ("uk", "britain", "british"),
    ("norway", "norwegian"),
    ("iceland", "icelandic"),
    ("switzerland", "swiss"),
    ("serbia", "serbian"),
    ("ukraine", "ukrainian"),
    ("albania", "albanian"),
    ("montenegro", "montenegrin"),
    ("moldova", "moldovan"),
    ("georgia", "georgian"),
    ("turkey", "türkiye", "turkish"),
)
_FORMS = {form: group for group in _COUNTRIES for form in group}


def country_forms(terms: list[str]) -> dict[str, list[str]]:
    """Map each term naming a country or its people to the group's other words."""
    found = {}
    for term in terms:
        group = _FORMS.get(term.lower())
        if group:
            found[term.lower()] = [form for form in group if form != term.lower()]
    return found
