"""The research pages (search, document, library, glossary) through Flask's test client."""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from kb.access import VISIBILITIES


def page(client, url: str, status: int = 200, **query) -> str:
    response = client.get(url, query_string=query or None)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def links(html: str, pattern: str = "") -> list[str]:
    found = [html_lib.unescape(h) for h in re.findall(r'href="([^"]*)"', html)]
    return [h for h in found if pattern in unquote(h)]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def doc_id_of(client, title: str) -> int:
    docs = client.get("/api/documents?k=100").get_json()["documents"]
    return next(d["doc_id"] for d in docs if d["title"] == title)


# -- search page --


def test_search_page_shows_answer_and_cited_passages(client):
    html = page(client, "/", q="reserved contracts")
    assert 'value="reserved contracts"' in html
    assert 'class="answer"' in html and 'class="cite-marker" href="#result-' in html
    first_marker = re.search(r'class="cite-marker" href="#result-(\d+)"', html).group(1)
    assert f'id="result-{first_marker}"' in html
    assert "Procurement Review 2023" in html and "November 2023" in html
    assert re.search(r'<span class="pages">pp?\. \d', html)
    assert "<mark>" in html
    assert re.search(r'href="/files/\d+#page=\d+"', html)
    assert re.search(r'href="/doc/\d+\?chunk=\d+#chunk-\d+"', html)
    assert re.search(
        r'<code class="cite-text" id="cite-1"[^>]*>CECOP, “Procurement Review 2023”', html
    )


def test_search_page_says_how_a_typing_slip_was_read(client):
    html = page(client, "/", q="reserved contarcts")
    notice = re.search(r'<p class="respelled" role="status">(.*?)</p>', html, re.S)
    assert notice, "no respelling notice"
    assert "reserved <strong>contracts</strong>" in notice.group(1)
    as_typed = links(notice.group(1), "as_typed=1")
    assert len(as_typed) == 1 and query_of(as_typed[0])["q"] == ["reserved contarcts"]
    assert "Procurement Review 2023" in html
    typed = page(client, as_typed[0])
    assert 'class="respelled"' not in typed and 'value="reserved contarcts"' in typed
    # a new query typed in the search box is read for slips again; the year filter keeps it
    search_form = re.search(r'<form class="search".*?</form>', typed, re.S).group(0)
    assert 'name="as_typed"' not in search_form
    assert 'name="as_typed" value="1"' in typed
    assert 'class="respelled"' not in page(client, "/", q="reserved contracts")


def test_search_api_says_how_a_typing_slip_was_read(client):
    data = client.get("/api/search?q=reserved+contarcts&k=1").get_json()
    assert data["query"] == "reserved contarcts"
    assert data["respelled"] == {"query": "reserved contracts", "words": {"contarcts": "contracts"}}
    typed = client.get("/api/search?q=reserved+contarcts&k=1&as_typed=1").get_json()
    assert typed["respelled"] is None


def test_web_page_results_link_to_the_published_text(client):
    html = page(client, "/", q="platform riders", k="5")
    assert any(
        h.startswith("https://cecop.coop/news/platform-work-fair-deal#:~:text=")
        for h in links(html)
    )


def test_unanswered_query_says_so(client):
    query = "quantum chromodynamics lattice gauge"
    assert (
        client.get("/api/search", query_string={"q": query}).get_json()["answer"]["confident"]
        is False
    )
    html = page(client, "/", q=query)
    assert "Nothing in the knowledge base answers this closely; nearest passages:" in html
    assert 'class="hit"' in html
    assert '<h2 class="nearest-heading" id="nearest-heading">Nearest passages</h2>' in html


def test_few_matches_are_followed_by_the_nearest_other_passages(client):
    html = page(client, "/", q="Zaganelli")
    matched, others = html.split('id="nearest-heading">Nearest other passages</h2>')
    assert "1 matching passage<" in matched and matched.count('class="hit"') == 1
    assert others.count('class="hit"') == 9 and 'id="result-2"' in others
    assert 'aria-labelledby="nearest-heading"' in others
    # the earliest and latest are taken among the matches only (all from 2025 here)
    assert "Earliest and latest" not in html


def test_type_facet_links_filter_and_keep_the_state(client):
    html = page(client, "/", q="platform work", mode="hybrid", sort="newest")
    facet = next(h for h in links(html, "type=report"))
    params = parse_qs(urlsplit(facet).query)
    assert params["q"] == ["platform work"] and params["sort"] == ["newest"]
    assert params["type"] == ["report"] and "page" not in params
    filtered = page(client, facet)
    types = re.findall(r'<span class="badge type-([\w-]+)">', filtered)
    assert types and set(types) == {"report"}
    assert 'class="chip"' in filtered and "Clear all filters" in filtered
    assert 'name="type" value="report"' in filtered  # a new query keeps the filter


def test_year_filter_and_timeline(client):
    html = page(client, "/", q="platform work")
    assert '<svg class="timeline-chart"' in html and 'role="img"' in html
    assert '<title id="timeline-title">' in html and '<desc id="timeline-desc">' in html
    assert "visually-hidden-focusable" in html
    year_links = links(html, "year_from=2024&year_to=2024")
    assert year_links
    filtered = page(client, year_links[0])
    years = {int(y[:4]) for y in re.findall(r'<time datetime="(\d{4})', filtered)}
    assert years == {2024}


def test_sort_and_paging_keep_the_query(client):
    first = page(client, "/", q="reserved contracts", k="2")
    assert 'aria-label="Result pages"' in first and "page 1 of" in first
    second_url = next(h for h in links(first, "&page=2") if h.startswith("/?"))
    second = page(client, second_url)
    assert 'id="result-3"' in second and 'id="result-1"' not in second
    assert 'class="answer"' not in second
    newest = page(client, "/", q="platform work", sort="newest")
    # the matches, then the nearest other passages under their own heading, each newest first
    groups = newest.split('id="nearest-heading"')
    assert len(groups) == 2
    for group in groups:
        dates = re.findall(r'<li class="hit".*?<time datetime="([\d-]+)"', group, re.S)
        assert dates and dates == sorted(dates, reverse=True)


def test_answer_on_a_date_sorted_page_cites_the_relevance_ranking(client):
    html = page(client, "/", q="reserved contracts", sort="oldest")
    markers = re.findall(r'class="cite-marker" href="([^"]+)"', html)
    assert markers and all(m.startswith("/?q=reserved+contracts#result-") for m in markers)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"k": "0"}, "bad_k"),
        ({"mode": "fuzzy"}, "bad_mode"),
        ({"sort": "best"}, "bad_sort"),
        ({"page": "0"}, "bad_page"),
        ({"year_from": "20x4"}, "bad_year"),
        ({"year_from": "2025", "year_to": "2020"}, "bad_year"),
        ({"type": "memo"}, "bad_type"),
        ({"lang": "english"}, "bad_lang"),
    ],
)
def test_bad_parameters_get_a_friendly_message(client, query, code):
    html = page(client, "/", 400, q="coop", **query)
    assert f'data-code="{code}"' in html and 'role="alert"' in html
    assert 'value="coop"' in html


def test_empty_result_suggests_what_to_try(client):
    html = page(client, "/", q="zzyzx", mode="keyword", type="report")
    assert "Nothing matches" in html
    assert "without the filters" in html
    assert any("mode=semantic" in h for h in links(html))
    assert 'href="/glossary"' in html and 'href="/library"' in html


def test_front_page_guides_a_newcomer(client):
    html = page(client, "/")
    assert "Try a question" in html and 'href="/glossary"' in html
    assert '<html lang="en">' in html and 'class="skip" href="#main"' in html


def test_pages_have_no_inline_script_or_style(client, sample_client):
    doc_id = doc_id_of(client, "Procurement Review 2023")
    for url in (
        "/",
        "/?q=reserved+contracts",
        f"/doc/{doc_id}?chunk=1",
        "/library",
        "/glossary",
        "/?q=x&k=0",
    ):
        html = page(client, url, 400 if "k=0" in url else 200)
        assert "<script>" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert not re.search(r"\sstyle=", html) and "<style" not in html
        assert not re.search(r"\son\w+=", html)


# -- document page --


def test_document_page_shows_passages_pages_and_focus(client):
    doc_id = doc_id_of(client, "Procurement Review 2023")
    html = page(client, f"/doc/{doc_id}", chunk="2")
    assert "<h1>Procurement Review 2023</h1>" in html
    assert 'id="chunk-0"' in html and 'id="chunk-2"' in html
    assert re.search(r'class="passage focused" id="chunk-2"', html)
    assert ">Page 1<" in html or ">Page 2<" in html
    assert f'href="/files/{doc_id}#page=' in html and f'href="/files/{doc_id}"' in html
    assert "More like this passage" in html
    assert html.count('class="passage focused"') == 1


def test_document_page_shows_every_character_once(client, shared_kb):
    doc_id = doc_id_of(client, "Worker buyouts in Europe")
    html = page(client, f"/doc/{doc_id}")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert text.count("Ottavia Zaganelli") == 1
    assert re.search(r'<h2 class="doc-heading">How federations help</h2>', html)


def test_missing_or_bad_documents_are_404(client):
    assert client.get("/doc/999999").status_code == 404
    assert client.get("/doc/abc").status_code == 404
    doc_id = doc_id_of(client, "Worker buyouts in Europe")
    assert client.get(f"/doc/{doc_id}?chunk=9999").status_code == 200
    assert client.get(f"/doc/{doc_id}?chunk=x").status_code == 200


# -- library --


def test_library_lists_filters_and_counts(client):
    html = page(client, "/library")
    for title in (
        "Procurement Review 2023",
        "Worker buyouts in Europe",
        "Platform work: a fair deal for riders",
    ):
        assert title in html
    assert "3 documents" in html
    report_link = next(h for h in links(html, "type=report"))
    filtered = page(client, report_link)
    assert "1 document" in filtered and "Procurement Review 2023" in filtered
    assert "Worker buyouts in Europe" not in filtered.split('id="library-heading"')[1]


def test_library_sorts_by_title_and_date(client):
    by_title = page(client, "/library", sort="title")
    titles = re.findall(r'<li class="doc-item">\s*<h3><a href="[^"]+"[^>]*>([^<]+)</a>', by_title)
    assert titles == sorted(titles, key=str.lower)
    oldest = page(client, "/library", sort="oldest")
    dates = re.findall(r'<li class="doc-item">.*?<time datetime="([\d-]+)"', oldest, re.S)
    assert dates == sorted(dates)
    page(client, "/library", 400, sort="random")


def test_library_filters_by_tag_with_counts(sample_client):
    html = page(sample_client, "/library", tag="SEAP")
    assert "2 documents" in html
    assert "Social Economy Action Plan at mid-term" in html
    assert re.search(r'data-facet="tag" data-value="SEAP"', html)


# -- glossary --


def test_glossary_lists_acronyms_with_search_and_definition(sample_client):
    html = page(sample_client, "/glossary")
    assert 'id="letter-S"' in html and "<abbr" in html
    entry = html.split('id="term-SEAP"')[1].split("</div>")[0]
    assert "Social Economy Action Plan" in entry
    assert 'href="/?q=SEAP"' in entry
    assert re.search(r'href="/doc/\d+\?chunk=\d+#chunk-\d+"', entry)


# -- who sees what --


def test_hidden_documents_never_appear_for_the_public(sample_client):
    for url in (
        "/library",
        "/library?tag=members",
        "/glossary",
        "/?q=staff+budget+note",
        "/?q=general+assembly+minutes+2024",
        "/?q=procurement+working+group+briefing",
        "/?q=advocacy+planning+2025&sort=newest",
    ):
        html = page(sample_client, url)
        assert "heronstone" not in html.lower() and "quillmarsh" not in html.lower()
        assert "Members only" not in html and "Staff only" not in html


def test_restricted_document_pages_are_404_for_the_public(sample_kb, sample_client):
    hidden = [d for d in sample_kb.list_documents(VISIBILITIES) if d.visibility != "public"]
    assert hidden
    for doc in hidden:
        assert sample_client.get(f"/doc/{doc.id}").status_code == 404
        assert sample_client.get(f"/api/documents/{doc.id}").status_code == 404


def test_staff_see_restricted_documents_marked(sample_kb, sample_client):
    from kb.accounts import Accounts

    _, token = Accounts(sample_kb.store).create_token("staff", name="web-pages-test")
    headers = {"Authorization": f"Bearer {token}"}
    html = sample_client.get("/library", headers=headers).get_data(as_text=True)
    assert "Staff only" in html and "Members only" in html
    staff_doc = next(d for d in sample_kb.list_documents(VISIBILITIES) if d.visibility == "staff")
    html = sample_client.get(f"/doc/{staff_doc.id}", headers=headers).get_data(as_text=True)
    assert "Staff only" in html


# -- markup an assistive technology can rely on --


class MarkupAudit(HTMLParser):
    """Collect ids, form controls and the labels that name them."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.controls: list[tuple[str, str]] = []  # (id, type)
        self.labelled: set[str] = set()
        self.inside_label = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "label":
            self.inside_label += 1
            if attributes.get("for"):
                self.labelled.add(attributes["for"])
        if tag in ("input", "select", "textarea") and attributes.get("type") != "hidden":
            name = attributes.get("id") or f"unnamed-{len(self.controls)}"
            self.controls.append((name, attributes.get("type", tag)))
            if self.inside_label or attributes.get("aria-label"):
                self.labelled.add(name)

    def handle_endtag(self, tag):
        if tag == "label":
            self.inside_label -= 1


def test_pages_have_unique_ids_and_labelled_controls(client, sample_client):
    doc_id = doc_id_of(client, "Procurement Review 2023")
    urls = [
        (client, "/"),
        (client, "/?q=reserved+contracts"),
        (client, f"/doc/{doc_id}?chunk=1"),
        (client, "/library"),
        (sample_client, "/glossary"),
        (sample_client, "/?q=what+is+SEAP&type=position+paper"),
    ]
    for test_client, url in urls:
        audit = MarkupAudit()
        audit.feed(page(test_client, url))
        duplicates = {i for i in audit.ids if audit.ids.count(i) > 1}
        assert not duplicates, (url, duplicates)
        unlabelled = [c for c in audit.controls if c[0] not in audit.labelled]
        assert not unlabelled, (url, unlabelled)
