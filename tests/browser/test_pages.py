"""What a person does in a browser: search, filter, follow a citation, browse, use the keyboard."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DRAGHI = "what did CECOP say about Draghi"


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def in_viewport(tab, selector: str) -> bool:
    """Return True if the element's top part is inside the window."""
    return tab.eval_on_selector(
        selector,
        """element => {
        const box = element.getBoundingClientRect();
        return box.height > 0 && box.top > -2 && box.top < window.innerHeight - 20;
    }""",
    )


def search(tab, words: str) -> None:
    tab.goto("/")
    tab.fill("#q", words)
    tab.press("#q", "Enter")
    tab.wait_for_url(re.compile(r"[?&]q="))


def test_search_shows_answer_and_cited_passages(page, screenshot):
    search(page, DRAGHI)
    assert page.input_value("#q") == DRAGHI
    answer = page.locator("section.answer")
    assert answer.is_visible()
    assert answer.locator("a.cite-marker").count() >= 1
    assert "Draghi" in answer.inner_text()
    hits = page.locator("li.hit")
    assert hits.count() == 10
    first = hits.first
    assert first.locator("mark").count() >= 1
    assert first.locator("code.cite-text").inner_text().startswith("CECOP, “")
    marker = answer.locator("a.cite-marker").first
    target = marker.get_attribute("href")
    marker.click()
    assert page.url.endswith(target) and in_viewport(page, target)
    assert page.locator("svg.timeline-chart").is_visible()
    page.goto(page.url.split("#")[0])
    screenshot(page, "search")


def test_copy_button_copies_the_citation(page):
    search(page, DRAGHI)
    button = page.locator("li.hit").first.locator("button.copy")
    assert button.is_visible()
    button.click()
    expect(button).to_have_text("Copied")  # polls the DOM; no eval, which the CSP forbids
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("li.hit").first.locator("code.cite-text").inner_text()


def test_type_facet_filters_the_results(page):
    search(page, DRAGHI)
    page.click('a[data-facet="type"][data-value="position paper"]')
    page.wait_for_url(re.compile(r"type=position\+paper"))
    params = query_of(page.url)
    assert params["q"] == [DRAGHI] and params["type"] == ["position paper"]
    badges = page.locator("li.hit .hit-meta .badge").all_inner_texts()
    assert badges and set(badges) == {"Position paper"}
    assert page.locator(".active-filters .chip").count() == 1
    page.go_back()
    page.wait_for_url(lambda url: "type=" not in url)
    assert page.locator("li.hit").count() == 10


def test_citation_opens_the_document_at_the_highlighted_passage(page, screenshot):
    search(page, "Competitiveness with a Social Compass Draghi conclusion")
    page.locator("li.hit").first.get_by_role("link", name="Read in the document").click()
    page.wait_for_url(re.compile(r"/doc/\d+\?chunk=\d+#chunk-\d+$"))
    anchor = "#" + page.url.rsplit("#", 1)[1]
    passage = page.locator(anchor)
    assert passage.is_visible() and "focused" in passage.get_attribute("class")
    assert in_viewport(page, anchor)
    assert page.evaluate(f"document.querySelector('{anchor}').matches(':target')")
    background = passage.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("aside.more-like-this li").count() >= 1
    screenshot(page, "document", full_page=False)


def test_fragment_alone_highlights_a_passage(page):
    page.goto("/library?type=report&sort=title")
    page.get_by_role("link", name="Activity Report 2024").click()
    page.wait_for_url(re.compile(r"/doc/\d+$"))
    page.goto(page.url + "#chunk-12")
    assert in_viewport(page, "#chunk-12")
    assert page.evaluate("document.querySelector('#chunk-12').matches(':target')")
    assert page.locator("#chunk-12 details.passage-tools").get_attribute("open") is not None
    assert page.locator(".page-marker").count() >= 5


def test_timeline_bar_opens_that_year(page):
    search(page, DRAGHI)
    bar = page.locator("svg.timeline-chart a.bar-link").last
    year = bar.get_attribute("data-year")
    bar.locator("rect.bar").click()
    page.wait_for_url(re.compile(rf"year_from={year}&year_to={year}"))
    dates = page.locator("li.hit .hit-meta time").evaluate_all(
        "items => items.map(item => item.getAttribute('datetime'))"
    )
    assert dates and {d[:4] for d in dates} == {year}
    assert page.locator("svg.timeline-chart a.bar-link.selected").count() == 1


def test_glossary_explains_seap_and_searches_for_it(page, screenshot):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Glossary").click()
    page.wait_for_url("**/glossary")
    entry = page.locator("#term-SEAP")
    assert "Social Economy Action Plan" in entry.inner_text()
    screenshot(page, "glossary")
    entry.get_by_role("link", name="Search for SEAP").click()
    page.wait_for_url(re.compile(r"\?q=SEAP$"))
    assert page.input_value("#q") == "SEAP"
    assert page.locator("li.hit").count() >= 1
    assert "Social Economy Action Plan" in page.locator("section.answer").inner_text()


def test_tab_reaches_the_search_box_with_a_visible_focus_ring(page):
    page.goto("/?q=worker+buyouts")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert in_viewport(page, "a.skip")
    for _ in range(15):
        if page.evaluate("document.activeElement.id") == "q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    style = page.eval_on_selector(
        "#q",
        """element => {
        const s = getComputedStyle(element);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor};
    }""",
    )
    assert style["style"] != "none" and style["width"] >= 2


def test_a_typing_slip_is_shown_and_can_be_searched_as_typed(page, screenshot):
    search(page, "cecop office adress brussels")
    notice = page.locator("p.respelled")
    expect(notice).to_contain_text("Showing results for cecop office address brussels")
    assert notice.locator("strong").all_inner_texts() == ["address"]
    assert "Avenue" in page.locator("section.answer").inner_text()
    screenshot(page, "respelled")
    notice.get_by_role("link", name="cecop office adress brussels").click()
    page.wait_for_url(re.compile(r"as_typed=1"))
    expect(page.locator("p.respelled")).to_have_count(0)
    assert page.input_value("#q") == "cecop office adress brussels"


def test_library_and_empty_result_pages(page, screenshot):
    page.goto("/library")
    total = page.locator("#library-heading").inner_text()
    assert re.match(r"\d+ documents", total)
    screenshot(page, "library")
    page.click('a[data-facet="type"][data-value="report"]')
    page.wait_for_url(re.compile(r"type=report"))
    assert set(page.locator(".doc-item .badge").all_inner_texts()) == {"Report"}
    page.goto("/?q=zzyzx+qwertyuiop&mode=keyword")
    suggestions = page.locator("section.empty-result")
    assert suggestions.is_visible() and "another mode" in suggestions.inner_text()
    screenshot(page, "empty-result")


def test_phone_width_search_fits_the_screen(browser, live_server, screenshot):
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, base_url=live_server, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    try:
        tab.goto("/?q=what+is+SEAP")
        assert tab.locator("section.answer").is_visible()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        assert tab.locator("#filters").get_attribute("open") is None  # folded on phones
        screenshot(tab, "search-phone")
        tab.goto("/")
        screenshot(tab, "home-phone", full_page=False)
    finally:
        context.close()
