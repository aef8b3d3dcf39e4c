"""Turn dates from metadata values and running text into ISO strings (YYYY-MM-DD, YYYY-MM)."""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    "en": "january february march april may june july august september october november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
}
for _names in _MONTH_NAMES.values():
    for _number, _name in enumerate(_names.split(), start=1):
        MONTHS[_name] = _number
for _number, _abbreviation in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1
):
    MONTHS.setdefault(_abbreviation, _number)
MONTHS.update({"sept": 9, "fevrier": 2, "aout": 8, "decembre": 12, "marco": 3, "maerz": 3})

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?"

TEXT_DATE_PATTERNS = [
    re.compile(r"(?<!\d)" + _YEAR + r"-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(_DAY + r"\s+(?:de\s+)?" + _MONTH + r",?\s+(?:de\s+|del\s+)?" + _YEAR, re.I),
    re.compile(r"(?<!\w)" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+" + _YEAR, re.I),
    re.compile(r"(?<!\w)" + _MONTH + r",?\s+(?:de\s+|del\s+)?" + _YEAR, re.I),
]
NUMERIC_DATE_PATTERN = re.compile(r"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d)(?!\d)")
MACHINE_DATE_PATTERN = re.compile(
    r"^(?:D:)?(?P<year>\d{4})(?:-?(?P<month>\d{2})(?:-?(?P<day>\d{2}))?)?(?:[T\s\d:+\-Z'.]*)$"
)


def iso_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """Return ``year``, ``month`` and ``day`` as an ISO string, or None if they are no date."""
    if not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(value: str | None) -> str | None:
    """Return a metadata date ("2024-03-12T10:00+01:00", "D:20240312", "12 March 2024") as ISO."""
    if not value:
        return None
    value = value.strip()
    match = MACHINE_DATE_PATTERN.match(value)
    if match:
        month, day = match["month"], match["day"]
        return iso_date(
            int(match["year"]), int(month) if month else None, int(day) if day else None
        )
    return find_date(value)


def find_date(text: str) -> str | None:
    """Return the earliest unambiguous date written in ``text`` as ISO, or None.

    Understands "12 March 2024", "March 12, 2024", "12 de marzo de 2024", "May 2025",
    "2024-03-12" and "12.03.2024"; "03/04/2024" is skipped as ambiguous (day or month first),
    while "13/03/2024" is read day first. A bare year is never taken as a date. A month
    ("September 2024") gives way to a later full date in that month ("26 September 2024").
    """
    found: list[tuple[int, str]] = []
    for pattern in TEXT_DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month_text = groups["month"]
            month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower())
            day = int(groups["day"]) if groups.get("day") else None
            iso = iso_date(int(groups["year"]), month, day)
            if iso:
                found.append((match.start(), iso))
    for match in NUMERIC_DATE_PATTERN.finditer(text):
        iso = _numeric_date(match)
        if iso:
            found.append((match.start(), iso))
    if not found:
        return None
    earliest = min(found)[1]
    refined = sorted(iso for _, iso in found if iso.startswith(earliest + "-"))
    return refined[0] if refined else earliest


def _numeric_date(match: re.Match[str]) -> str | None:
    """Return the ISO form of a numeric d/m/y match, or None if it is ambiguous or invalid."""
    first, separator, second, year = match.groups()
    first_number, second_number = int(first), int(second)
    if separator == "." or first_number > 12 or first_number == second_number:
        day, month = first_number, second_number
    elif second_number > 12:
        day, month = second_number, first_number
    else:
        return None
    return iso_date(int(year), month, day)
