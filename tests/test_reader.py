"""The reading view of a document: every character once, headings, pages and a focus."""

from __future__ import annotations

from kb.reader import document_view, text_blocks
from kb.records import DocumentRecord

TEXT = "Title\n\nIntro\n\nOne two three. Four five six.\n\nNext\n\n- a\n- b\n\nSeven eight."


def row(ordinal, start, end, section="", pages=(None, None)):
    return {
        "id": 100 + ordinal,
        "ordinal": ordinal,
        "text": TEXT[start:end],
        "section": section,
        "page_start": pages[0],
        "page_end": pages[1],
        "char_start": start,
        "char_end": end,
    }


def make_doc(media_type="pdf"):
    return DocumentRecord(
        source="x.pdf",
        title="Title",
        media_type=media_type,
        content_hash="h",
        text=TEXT,
        date="2024-05-01",
        id=7,
    )


def shown(view):
    parts = []
    for passage in view.passages:
        for block in passage.lead + passage.blocks:
            parts.append(block.text or " ".join(block.items))
    return " ".join(parts)


def test_overlapping_passages_show_each_character_once():
    one_start = TEXT.index("One")
    four = TEXT.index("Four")
    rows = [
        row(0, one_start, TEXT.index("Next") - 2, "Intro", (1, 1)),
        row(1, four, len(TEXT), "Intro > Next", (1, 2)),
    ]
    view = document_view(make_doc(), rows)
    assert shown(view).count("Four five six.") == 1
    assert view.passages[0].lead[0].kind == "heading"  # "Intro" sits before passage 0
    assert [b.kind for b in view.passages[1].blocks] == ["heading", "list", "paragraph"]
    assert view.passages[0].page_marker == 1 and view.passages[1].continues_to == 2


def test_focused_passage_is_shown_whole():
    rows = [
        row(0, TEXT.index("One"), TEXT.index("Next") - 2),
        row(1, TEXT.index("Four"), len(TEXT)),
    ]
    view = document_view(make_doc(), rows, focus_ordinal=1)
    assert view.focus is view.passages[1]
    assert view.passages[1].blocks[0].text.startswith("Four five six.")
    assert shown(view).count("Four five six.") == 1


def test_passages_carry_citation_and_link():
    rows = [row(0, TEXT.index("One"), len(TEXT), "", (3, 4))]
    passage = document_view(make_doc(), rows).passages[0]
    assert passage.pages == "pp. 3–4" and passage.link == "/files/7#page=3"
    assert passage.citation == "CECOP, “Title”, 1 May 2024, pp. 3–4"
    markdown = document_view(make_doc("markdown"), [row(0, 0, len(TEXT))]).passages[0]
    assert markdown.link == "/doc/7#chunk-0"


def test_text_blocks_skip_the_title_and_find_lists():
    blocks = text_blocks("Title\n\nA paragraph.\n\n* one\n* two", {}, "Title")
    assert [b.kind for b in blocks] == ["paragraph", "list"]
    assert blocks[1].items == ["one", "two"]
