"""Tests for ingest.text_loader on plain-text and markdown files in a temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import HEADING
from ingest.errors import LoadError
from ingest.text_loader import load_markdown, load_text, load_text_file

MARKDOWN = """---
title: "Position on public procurement"
date: 2023-11-21
type: position paper
visibility: public
tags: [procurement, social clauses]
---

# Public procurement for people and places

Public authorities spend around **two trillion euro** a year. See the
[Commission guide](https://example.org/buying-social) and `Article 20`.

## Our recommendations

- Make *quality* the default
- Strengthen __reserved__ contracts
  for social enterprises
1. Monitor social clauses

### Reserved contracts

> Reserved contracts are underused.

| Country | Share |
|---------|-------|
| Italy   | 60%   |

Setext heading
--------------

Closing ~~draft~~ paragraph with a ![chart](chart.png) image and snake_case_name.
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """Write ``content`` to a file named ``name`` in ``tmp_path`` and return its path."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_markdown_blocks_headings_and_inline_markup(tmp_path: Path) -> None:
    document = load_markdown(write(tmp_path, "position.md", MARKDOWN))
    assert [(block.kind, block.level, block.text) for block in document.blocks] == [
        (HEADING, 1, "Public procurement for people and places"),
        (
            "paragraph",
            0,
            "Public authorities spend around two trillion euro a year. See the Commission guide "
            "and Article 20.",
        ),
        (HEADING, 2, "Our recommendations"),
        (
            "paragraph",
            0,
            "- Make quality the default\n"
            "- Strengthen reserved contracts for social enterprises\n"
            "1. Monitor social clauses",
        ),
        (HEADING, 3, "Reserved contracts"),
        ("paragraph", 0, "Reserved contracts are underused."),
        ("paragraph", 0, "Country | Share\nItaly | 60%"),
        (HEADING, 2, "Setext heading"),
        ("paragraph", 0, "Closing draft paragraph with a chart image and snake_case_name."),
    ]
    assert all(block.pages == [] for block in document.blocks)


def test_markdown_front_matter_sets_title_and_date(tmp_path: Path) -> None:
    path = write(tmp_path, "position.md", MARKDOWN)
    document = load_markdown(path)
    assert document.title == "Position on public procurement"
    assert document.date == "2023-11-21"
    assert document.language == "en"
    assert document.media_type == "markdown"
    assert document.source == str(path)
    assert "visibility" not in document.text
    assert load_markdown(path, source="papers/position.md").source == "papers/position.md"


def test_markdown_title_and_date_without_front_matter(tmp_path: Path) -> None:
    text = "Intro line\n\n# Newsletter of the network\n\nBrussels, 3 June 2024\n\nNews follows.\n"
    document = load_markdown(write(tmp_path, "news.md", text))
    assert document.title == "Newsletter of the network"
    assert document.date == "2024-06-03"


def test_markdown_code_fence_is_kept_verbatim(tmp_path: Path) -> None:
    text = "# Data\n\n```\n# not a heading\n**raw**\n```\n\nAfter the code.\n"
    document = load_markdown(write(tmp_path, "code.md", text))
    assert [block.text for block in document.blocks] == [
        "Data",
        "# not a heading\n**raw**",
        "After the code.",
    ]


def test_plain_text_keeps_short_lines_and_finds_headings(tmp_path: Path) -> None:
    text = (
        "\ufeffPRESS RELEASE\n"
        "For immediate release - Brussels, 15 December 2021\n\n"
        "CECOP WELCOMES THE SOCIAL ECONOMY ACTION PLAN\n\n"
        "The European Commission presented its Social Economy Action Plan on 9 December.\n\n"
        "Main points:\n- a Council Recommendation\n- a single gateway\n\n"
        "2. Next steps\n\n"
        "Members will be consulted.\n\n"
        "Contact\n=======\nCECOP, Avenue Milcamps 105\n1030 Brussels\n"
    )
    path = write(tmp_path, "press.txt", text)
    document = load_text(path)
    assert [(block.kind, block.level, block.text) for block in document.blocks] == [
        (HEADING, 1, "PRESS RELEASE"),
        ("paragraph", 0, "For immediate release - Brussels, 15 December 2021"),
        (HEADING, 1, "CECOP WELCOMES THE SOCIAL ECONOMY ACTION PLAN"),
        (
            "paragraph",
            0,
            "The European Commission presented its Social Economy Action Plan on 9 December.",
        ),
        ("paragraph", 0, "Main points:\n- a Council Recommendation\n- a single gateway"),
        (HEADING, 1, "2. Next steps"),
        ("paragraph", 0, "Members will be consulted."),
        (HEADING, 1, "Contact"),
        ("paragraph", 0, "CECOP, Avenue Milcamps 105\n1030 Brussels"),
    ]
    assert document.title == "CECOP WELCOMES THE SOCIAL ECONOMY ACTION PLAN"
    assert document.date == "2021-12-15"
    assert document.media_type == "text"
    assert document.source == str(path)


def test_hard_wrapped_plain_text_is_rejoined(tmp_path: Path) -> None:
    text = (
        "Bulletin on EU social affairs\n\n"
        "The European Commission presented its Social Economy Action Plan, the\n"
        "result of years of advocacy by CECOP and by Social Economy Europe, on\n"
        "9 December 2021. It announces a Council Recommendation on framework\n"
        "conditions for the social economy.\n\n"
        "Main points:\n- a Council Recommendation\n- a single gateway\n"
    )
    document = load_text(write(tmp_path, "bulletin.txt", text))
    assert [block.text for block in document.blocks] == [
        "Bulletin on EU social affairs",
        "The European Commission presented its Social Economy Action Plan, the result of years of "
        "advocacy by CECOP and by Social Economy Europe, on 9 December 2021. It announces a "
        "Council Recommendation on framework conditions for the social economy.",
        "Main points:\n- a Council Recommendation\n- a single gateway",
    ]
    assert document.title == "Bulletin on EU social affairs"
    assert document.date == "2021-12-09"


def test_text_language_is_detected(tmp_path: Path) -> None:
    text = "Les coopératives sociales sont des entreprises qui ont un rôle dans la société."
    assert load_text(write(tmp_path, "note.txt", text)).language == "fr"


def test_load_text_file_dispatches_on_suffix(tmp_path: Path) -> None:
    assert load_text_file(write(tmp_path, "a.md", "# Title\n\nBody.")).media_type == "markdown"
    assert load_text_file(write(tmp_path, "a.txt", "# Title\n\nBody.")).media_type == "text"


@pytest.mark.parametrize("content", ["", "   \n\n\t\n", b"\xef\xbb\xbf  \n"])
@pytest.mark.parametrize("loader", [load_text, load_markdown])
def test_empty_file_is_refused(tmp_path: Path, content: str | bytes, loader) -> None:
    path = write(tmp_path, "empty.md", content)
    with pytest.raises(LoadError) as caught:
        loader(path)
    assert caught.value.reason == "file is empty"
    assert caught.value.source == str(path)


def test_markdown_with_only_front_matter_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no readable text"):
        load_markdown(write(tmp_path, "meta.md", "---\ntitle: Only metadata\n---\n"))


@pytest.mark.parametrize(
    "content", [b"\x00\x01\x02binary", bytes(range(1, 32)) * 10, b"\x89PNG\r\n\x1a\n\x00\x00"]
)
def test_binary_file_is_refused(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(LoadError) as caught:
        load_text(write(tmp_path, "data.txt", content))
    assert caught.value.reason == "not a text file (binary data)"


def test_windows_1252_text_is_read_with_a_warning(tmp_path: Path) -> None:
    document = load_text(write(tmp_path, "legacy.txt", "Coopérative ouvrière".encode("cp1252")))
    assert document.text == "Coopérative ouvrière"
    assert document.warnings == ["file is not valid UTF-8; decoded as Windows-1252"]
