"""European countries: their names, and the adjective naming each one's people.

Publications write "NUWPC, Bulgaria" where a reader asks for "the Bulgarian member", and "the
Belgian Presidency" where a reader asks what happened "while Belgium held the presidency".
Stemming does not join the two ("bulgarian", "bulgaria"), so a query word naming either also
matches the other. The names also tell answer types that "Italy" is a country, not a body.
"""

from __future__ import annotations

# Each entry: the country's names as publications write them, then its people's adjectives.
COUNTRIES = (
    (("Austria",), ("austrian",)),
    (("Belgium",), ("belgian",)),
    (("Bulgaria",), ("bulgarian",)),
    (("Croatia",), ("croatian",)),
    (("Cyprus",), ("cypriot",)),
    (("Czechia", "Czech Republic"), ("czech",)),
    (("Denmark",), ("danish",)),
    (("Estonia",), ("estonian",)),
    (("Finland",), ("finnish",)),
    (("France",), ("french",)),
    (("Germany",), ("german",)),
    (("Greece",), ("greek",)),
    (("Hungary",), ("hungarian",)),
    (("Ireland",), ("irish",)),
    (("Italy",), ("italian",)),
    (("Latvia",), ("latvian",)),
    (("Lithuania",), ("lithuanian",)),
    (("Luxembourg",), ("luxembourgish",)),
    (("Malta",), ("maltese",)),
    (("Netherlands",), ("dutch",)),
    (("Poland",), ("polish",)),
    (("Portugal",), ("portuguese",)),
    (("Romania",), ("romanian",)),
    (("Slovakia",), ("slovak", "slovakian")),
    (("Slovenia",), ("slovenian", "slovene")),
    (("Spain",), ("spanish",)),
    (("Sweden",), ("swedish",)),
    (("United Kingdom", "UK", "Britain"), ("british",)),
    (("Norway",), ("norwegian",)),
    (("Iceland",), ("icelandic",)),
    (("Switzerland",), ("swiss",)),
    (("Serbia",), ("serbian",)),
    (("Bosnia and Herzegovina",), ("bosnian",)),
    (("Montenegro",), ("montenegrin",)),
    (("North Macedonia",), ("macedonian",)),
    (("Albania",), ("albanian",)),
    (("Ukraine",), ("ukrainian",)),
    (("Moldova",), ("moldovan",)),
    (("Georgia",), ("georgian",)),
    (("Turkey", "Türkiye"), ("turkish",)),
)
COUNTRY_NAMES = tuple(name for names, _ in COUNTRIES for name in names)
# One-word names and adjectives, lower case, each with its country's other ones.
_FORMS = {
    form: group
    for names, adjectives in COUNTRIES
    for group in [tuple(n.lower() for n in names if " " not in n) + adjectives]
    for form in group
}


def country_forms(terms: list[str]) -> dict[str, list[str]]:
    """Map each term naming a country or its people to the group's other words."""
    found = {}
    for term in terms:
        group = _FORMS.get(term.lower())
        if group:
            found[term.lower()] = [form for form in group if form != term.lower()]
    return found
