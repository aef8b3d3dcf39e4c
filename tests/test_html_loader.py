"""Tests for ingest.html_loader (and the date helpers it relies on) on real HTML pages."""

from __future__ import annotations

import pytest

from ingest.dates import find_date, normalize_date
from ingest.document import HEADING
from ingest.errors import LoadError
from ingest.html_loader import load_html
from ingest.language import detect_language, normalize_language_tag

ARTICLE_TEXT = (
    "Worker cooperatives from twelve countries met in Brussels to discuss the transposition "
    "of the Platform Work Directive and the role of cooperatives of self-employed workers."
)
CHROME_STRINGS = [
    "We use cookies",
    "Accept all",
    "Share on LinkedIn",
    "Tweet this",
    "Related posts",
    "Another related story",
    "You may also like",
    "Recommended reading item",
    "Subscribe to our newsletter",
    "Home / News",
    "Leave a reply",
    "Great article, thanks",
    "Main menu item",
    "Copyright CECOP",
    "Sidebar widget text",
    "Read more",
    "trackPageView",
    "display: none",
    "Hidden promo",
]

NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Cooperatives meet on platform work | CECOP</title>
  <meta property="og:title" content="Cooperatives meet on platform work">
  <meta property="article:published_time" content="2024-03-12T09:30:00+01:00">
  <link rel="canonical" href="/news/platform-work-meeting">
  <style>body {{ display: none; }}</style>
  <script>window._paq = []; _paq.push(['trackPageView']);</script>
</head>
<body>
  <div id="cookie-banner"><p>We use cookies to improve your experience.</p>
    <button>Accept all</button></div>
  <header class="site-header"><a href="/">CECOP</a>
    <nav><ul><li><a href="/about">Main menu item</a></li></ul></nav></header>
  <nav aria-label="Breadcrumb" class="breadcrumbs"><a href="/">Home</a> / News</nav>
  <main>
    <article class="post type-post category-social-economy">
      <header class="entry-header">
        <h1>Cooperatives meet on platform work</h1>
        <p class="byline">Brussels, <time datetime="2024-03-12">12 March 2024</time></p>
      </header>
      <div class="social-share"><a href="#">Share on LinkedIn</a> <a href="#">Tweet this</a></div>
      <p>{ARTICLE_TEXT}</p>
      <h2>What the directive changes</h2>
      <p>The directive introduces a <strong>presumption of employment</strong> for platform
         workers.</p>
      <ul>
        <li>Transparency on algorithms</li>
        <li>Human oversight of <em>automated</em> decisions
          <ul><li>including dismissals</li></ul>
        </li>
      </ul>
      <h3>Next steps</h3>
      <blockquote><p>Cooperatives show that platform work can be decent work.</p></blockquote>
      <table><tr><th>Country</th><th>Members</th></tr><tr><td>Italy</td><td>3</td></tr></table>
      <p><a href="/news">Read more</a></p>
      <div class="newsletter-signup"><h4>Subscribe to our newsletter</h4>
        <form><input type="email"></form></div>
      <div style="display: none">Hidden promo</div>
      <section class="related-posts"><h3>Related posts</h3>
        <article><h4>Another related story</h4><p>Short teaser.</p></article></section>
      <div><h3>You may also like</h3><ul><li>Recommended reading item</li></ul></div>
      <div id="comments"><h3>Leave a reply</h3><p>Great article, thanks!</p></div>
    </article>
  </main>
  <aside><p>Sidebar widget text</p></aside>
  <footer><p>Copyright CECOP 2024</p></footer>
</body>
</html>
"""


def page(body: str, head: str = "", lang: str = "") -> str:
    """Return a small HTML page with ``head`` and ``body`` content."""
    lang_attribute = f' lang="{lang}"' if lang else ""
    return f"<html{lang_attribute}><head>{head}</head><body>{body}</body></html>"


def article(text: str = ARTICLE_TEXT) -> str:
    """Return an article element holding one paragraph."""
    return f"<article><p>{text}</p></article>"


def test_chrome_inside_and_outside_the_article_is_removed() -> None:
    document = load_html(NEWS_PAGE, source="news.html")
    text = document.text
    for chrome in CHROME_STRINGS:
        assert chrome not in text, chrome
    assert ARTICLE_TEXT in text
    assert "Cooperatives show that platform work can be decent work." in text


def test_blocks_keep_headings_lists_and_tables_in_order() -> None:
    document = load_html(NEWS_PAGE, source="news.html")
    assert [(block.kind, block.level, block.text) for block in document.blocks] == [
        (HEADING, 1, "Cooperatives meet on platform work"),
        ("paragraph", 0, ARTICLE_TEXT),
        (HEADING, 2, "What the directive changes"),
        (
            "paragraph",
            0,
            "The directive introduces a presumption of employment for platform workers.",
        ),
        (
            "paragraph",
            0,
            "- Transparency on algorithms\n"
            "- Human oversight of automated decisions\n"
            "  - including dismissals",
        ),
        (HEADING, 3, "Next steps"),
        ("paragraph", 0, "Cooperatives show that platform work can be decent work."),
        ("paragraph", 0, "Country | Members"),
        ("paragraph", 0, "Italy | 3"),
    ]
    assert all(block.pages == [] for block in document.blocks)


def test_invisible_characters_are_dropped_from_the_text() -> None:
    # A heading's anchor link holding a zero-width space, a soft hyphen inside a word.
    body = (
        "<article><h2 id='why'>Why worker buyouts<a class='hash-link' href='#why'>&#8203;</a>"
        "</h2><p>Each worker coopera&shy;tive keeps jobs in its region.</p>"
        "<p><a class='hash-link' href='#why'>&#8203;</a></p></article>"
    )
    blocks = load_html(page(body), source="page.html").blocks
    assert [(block.kind, block.text) for block in blocks] == [
        (HEADING, "Why worker buyouts"),
        ("paragraph", "Each worker cooperative keeps jobs in its region."),
    ]


@pytest.mark.parametrize("mark", ["&para;", "#", "&sect;", "&#128279;"])
def test_a_headings_permalink_mark_is_not_part_of_it(mark: str) -> None:
    # MkDocs and Sphinx put "¶" after each heading, other generators "#", "§" or a link icon
    body = (
        f"<article><h2 id='who'>Who we are<a class='headerlink' href='#who' "
        f"title='Permanent link'>{mark}</a></h2><p>CECOP speaks for worker cooperatives.</p>"
        f"<h3 id='c1'><a href='#c1'>Article 1</a></h3><p>The first article.</p></article>"
    )
    blocks = load_html(page(body), source="page.html").blocks
    assert [(block.kind, block.text) for block in blocks] == [
        (HEADING, "Who we are"),
        ("paragraph", "CECOP speaks for worker cooperatives."),
        (HEADING, "Article 1"),
        ("paragraph", "The first article."),
    ]


def test_metadata_of_a_full_news_page() -> None:
    document = load_html(
        NEWS_PAGE.encode(), source="news.html", base_url="https://cecop.coop/news/?id=7"
    )
    assert document.media_type == "html"
    assert document.source == "news.html"
    assert document.title == "Cooperatives meet on platform work"
    assert document.date == "2024-03-12"
    assert document.language == "en"
    assert document.canonical_url == "https://cecop.coop/news/platform-work-meeting"
    assert document.page_count is None


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        ('<meta property="og:title" content="From og:title">', "<h1>From h1</h1>", "From og:title"),
        ("<title>From title - CECOP</title>", "<h1>From h1</h1>", "From h1"),
        ("<title>From the title tag | CECOP</title>", "", "From the title tag"),
        ("<title>From the title tag - CECOP</title>", "", "From the title tag"),
        ("<title>Jobs - a new deal for workers</title>", "", "Jobs - a new deal for workers"),
        (
            '<title>Call for members – Cooperatives Europe</title><meta property="og:site_name" '
            'content="Cooperatives Europe">',
            "",
            "Call for members",
        ),
    ],
)
def test_title_sources(head: str, body: str, title: str) -> None:
    html = page(f"<article>{body}<p>{ARTICLE_TEXT}</p></article>", head)
    assert load_html(html, source="page.html").title == title


def test_site_logo_h1_outside_the_article_is_not_the_title() -> None:
    body = f'<header><h1 class="logo">CECOP</h1></header><article><p>{ARTICLE_TEXT}</p></article>'
    html = page(body, "<title>Platform work meeting | CECOP</title>")
    assert load_html(html, source="page.html").title == "Platform work meeting"


@pytest.mark.parametrize(
    ("head", "body", "date"),
    [
        (
            '<meta property="article:published_time" content="2024-05-02T10:00:00Z">',
            "",
            "2024-05-02",
        ),
        ("", '<time datetime="2023-11-21T08:00">21 November</time>', "2023-11-21"),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
            '{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2022-06-30"}]}'
            "</script>",
            "",
            "2022-06-30",
        ),
        ('<meta name="date" content="2021-12-09">', "", "2021-12-09"),
        ('<meta name="DC.date" content="2020-01-15">', "", "2020-01-15"),
        ('<meta name="DC.date.created" content="2020-11-12T10:05:00+01:00">', "", "2020-11-12"),
        ("", "<p>Brussels, 12 March 2024 - CECOP welcomed the vote.</p>", "2024-03-12"),
        ("", "<p>Newsletter of March 2024</p>", "2024-03"),
        ("", "<p>Published 13/03/2024</p>", "2024-03-13"),
        ("", "<p>Published 03/04/2024</p>", None),
    ],
)
def test_date_sources(head: str, body: str, date: str | None) -> None:
    html = page(f"<article>{body}<p>{ARTICLE_TEXT}</p></article>", head)
    assert load_html(html, source="page.html").date == date


def test_the_date_in_a_byline_wins_over_dates_in_the_text() -> None:
    """Plone: the byline sits outside any <header>, and the text names an earlier event."""
    body = (
        '<article id="content"><h1 class="documentFirstHeading">Campaign report</h1>'
        '<div id="section-byline" class="documentByLine"><span class="documentAuthor">by '
        '<a href="/author/cecop">Communication team</a></span> — <span class="documentPublished">'
        '<span>published</span> Feb 03, 2021 11:20 AM</span>, <span class="documentModified">'
        "<span>last modified</span> Feb 04, 2021 09:05 AM</span></div>"
        '<div id="content-core"><p>On 3 December 2020 we held the closing event of the '
        f"campaign. {ARTICLE_TEXT}</p></div></article>"
    )
    document = load_html(page(body), source="page.html")
    assert document.date == "2021-02-03"
    assert "last modified" not in document.text


def test_published_time_wins_over_other_dates() -> None:
    head = (
        '<meta name="date" content="2019-01-01">'
        '<meta property="article:published_time" content="2024-05-02">'
    )
    body = '<article><time datetime="2020-02-02">x</time><p>12 March 2018</p></article>'
    assert load_html(page(body, head), source="page.html").date == "2024-05-02"


@pytest.mark.parametrize(
    ("head", "base_url", "canonical"),
    [
        ('<link rel="canonical" href="/a/b">', "https://cecop.coop/x/y", "https://cecop.coop/a/b"),
        ('<link rel="canonical" href="https://cecop.coop/c">', None, "https://cecop.coop/c"),
        ('<meta property="og:url" content="https://cecop.coop/og">', None, "https://cecop.coop/og"),
        ("", "https://cecop.coop/base", "https://cecop.coop/base"),
        ("", None, None),
    ],
)
def test_canonical_url_sources(head: str, base_url: str | None, canonical: str | None) -> None:
    document = load_html(page(article(), head), source="page.html", base_url=base_url)
    assert document.canonical_url == canonical


@pytest.mark.parametrize(
    ("lang", "text", "language"),
    [
        ("en-GB", ARTICLE_TEXT, "en"),
        ("fr", ARTICLE_TEXT, "fr"),
        (
            "",
            "Les coopératives de travail associé sont présentes dans toute l'Europe et elles "
            "ont joué un rôle important pendant la crise pour les travailleurs.",
            "fr",
        ),
        (
            "",
            "Le cooperative sociali sono nate in Italia negli anni settanta e sono oggi una "
            "parte importante dell'economia sociale del paese.",
            "it",
        ),
        (
            "",
            "Las cooperativas de trabajo asociado son empresas que pertenecen a sus "
            "trabajadores y que se gestionan de forma democrática.",
            "es",
        ),
        (
            "",
            "Die Genossenschaften sind in der Industrie und bei den Dienstleistungen "
            "wichtig, weil sie auch in der Krise die Arbeitsplätze sichern.",
            "de",
        ),
        (
            "",
            "As cooperativas de trabalho são empresas que pertencem aos seus trabalhadores e "
            "não aos investidores, o que é muito importante para a economia.",
            "pt",
        ),
    ],
)
def test_language_from_lang_attribute_or_text(lang: str, text: str, language: str) -> None:
    assert load_html(page(article(text), lang=lang), source="page.html").language == language


def test_meta_charset_decides_the_decoding() -> None:
    html = page(article("Les coopératives européennes."), '<meta charset="iso-8859-1">')
    document = load_html(html.encode("iso-8859-1"), source="page.html")
    assert document.text == "Les coopératives européennes."


def test_xhtml_with_an_xml_encoding_declaration() -> None:
    xhtml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr-BE"><head><title>Note</title>'
        "</head><body><p>Les coopératives ouvrières.</p></body></html>"
    )
    document = load_html(xhtml.encode("iso-8859-1"), source="note.xhtml")
    assert document.text == "Les coopératives ouvrières."
    assert document.language == "fr"


def test_byte_order_mark_decides_the_decoding() -> None:
    html = page(article("Cooperativas de Galicia e Portugal."))
    document = load_html(b"\xff\xfe" + html.encode("utf-16-le"), source="page.html")
    assert document.text == "Cooperativas de Galicia e Portugal."


def test_invalid_utf8_is_replaced_not_refused() -> None:
    html = page(article("Coop\xe9rative")).encode("latin-1")
    assert load_html(html, source="page.html").text == "Coop\ufffdrative"


def test_densest_element_is_chosen_without_article_or_main() -> None:
    body = (
        '<div class="menu"><a href="/">Home</a> <a href="/about">About us</a></div>'
        f'<div id="content"><h1>Members</h1><p>{ARTICLE_TEXT}</p><p>{ARTICLE_TEXT}</p></div>'
        '<div class="links"><p><a href="/a">A long list of links to other pages</a></p></div>'
    )
    document = load_html(page(body), source="page.html")
    assert [block.text for block in document.blocks] == ["Members", ARTICLE_TEXT, ARTICLE_TEXT]


def test_body_without_a_container_keeps_its_text() -> None:
    document = load_html("<p>Short note about the General Assembly.</p>", source="note.html")
    assert document.text == "Short note about the General Assembly."


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03binary\x00junk" * 50,
        bytes(range(128, 256)) * 20,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"",
    ],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(LoadError) as caught:
        load_html(data, source="junk.html")
    assert caught.value.reason == "not an HTML document (binary data)"
    assert caught.value.source == "junk.html"


def test_page_without_main_text_is_refused() -> None:
    html = page("<nav><a href='/'>Home</a></nav><footer>Copyright CECOP</footer>")
    with pytest.raises(LoadError) as caught:
        load_html(html, source="empty.html")
    assert caught.value.reason == "no readable text"


def test_source_that_looks_like_a_url_is_parsed_as_html() -> None:
    assert load_html("https://cecop.coop/news", source="x.html").text == "https://cecop.coop/news"


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-03-12T10:00:00+01:00", "2024-03-12"),
        ("D:20250520090000Z", "2025-05-20"),
        ("D:20240312103000+01'00'", "2024-03-12"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        ("12 March 2024", "2024-03-12"),
        ("not a date", None),
        ("2024-13-45", None),
    ],
)
def test_normalize_date(value: str, iso: str | None) -> None:
    assert normalize_date(value) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Brussels, 12 March 2024", "2024-03-12"),
        ("March 12, 2024", "2024-03-12"),
        ("Published in May 2025", "2025-05"),
        ("Bruxelles, le 1er mars 2023", "2023-03-01"),
        ("Madrid, 5 de junio de 2022", "2022-06-05"),
        ("Berlin, 3. März 2021", "2021-03-03"),
        ("Roma, 21 novembre 2023", "2023-11-21"),
        ("Lisboa, 9 de setembro de 2024", "2024-09-09"),
        ("on 12.03.2024", "2024-03-12"),
        ("on 03/04/2024", None),
        ("Activity Report 2024", None),
        ("Directive 2014/24/EU", None),
        ("Report 2023, adopted 12 May 2024", "2024-05-12"),
        ("CECOP Link - September 2024. Sent 26 September 2024", "2024-09-26"),
        ("Published in May 2025, on the events of 12 March 2024", "2025-05"),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_language_helpers() -> None:
    assert normalize_language_tag("en-GB") == "en"
    assert normalize_language_tag("pt_BR") == "pt"
    assert normalize_language_tag("not a tag") is None
    assert detect_language("12 34 56") is None


def test_post_meta_tags_and_more_links_inside_the_article_are_dropped():
    page = b"""<html lang="en"><head><title>Docuseries - CECOP</title></head><body><article>
    <h1>New three-episode documentary</h1>
    <p class="post-meta"><time datetime="2021-02-17">17 February 2021</time> &middot; Policy</p>
    <div class="post-content">
      <p>CECOP presents a docuseries made during its 2020 campaign on worker ownership.</p>
      <p><a class="more-link" href="/contact/">Contact us for more information</a></p>
    </div>
    <div class="tags">Tags: <a href="/tag/a/">social economy</a>,
      <a href="/tag/b/">cooperatives</a></div>
    <div class="entry-footer">Posted in Policy</div>
    </article></body></html>"""
    doc = load_html(page, source="https://cecop.coop/news/docuseries")
    text = doc.text
    assert "docuseries made during its 2020 campaign" in text
    for chrome in ("Contact us", "Tags:", "Posted in", "· Policy"):
        assert chrome not in text, chrome
    assert doc.date == "2021-02-17"


LISTING_ITEMS = [
    ("CECOP reacts to the Draghi report", "The report overlooks cooperatives in its plan."),
    ("General Assembly in Rome", "Members met in Rome and elected a new Board."),
    ("Webinar on platform work", "COCETA and Smart explained how cooperatives apply it."),
    ("New SNAPSHOT of the network", "The data collection covers members in 16 countries."),
]


# Teasers on a real archive page run to a few sentences, each longer than a short article.
EXCERPT_TAIL = (
    "The secretariat summarised what it means for worker, social and self-employed producers' "
    "cooperatives, and what members can do next at national and European level."
)


def test_every_teaser_of_a_news_listing_is_kept() -> None:
    teasers = "".join(
        f'<article class="post"><h2><a href="/n{n}">{title}</a></h2>'
        f'<time datetime="2024-0{n + 1}-01">1 {n}</time><p>{text} {EXCERPT_TAIL}</p>'
        f'<a class="more-link" href="/n{n}">Read more</a></article>'
        for n, (title, text) in enumerate(LISTING_ITEMS)
    )
    listing = page(
        "<header><nav><a href='/'>Home</a></nav></header>"
        f"<main><h1>News</h1>{teasers}<nav class='pagination'>Older posts</nav></main>"
        "<footer><p>Copyright CECOP 2024</p></footer>"
    )
    text = load_html(listing, source="news.html").text
    for title, teaser in LISTING_ITEMS:
        assert title in text and teaser in text
    for chrome in ("Home", "Older posts", "Copyright CECOP", "Read more"):
        assert chrome not in text


def test_a_post_with_teaser_cards_after_it_keeps_only_the_post() -> None:
    cards = "".join(
        f"<article><h3>{title}</h3><p>{text}</p></article>" for title, text in LISTING_ITEMS[:3]
    )
    post = f"<article>{f'<p>{ARTICLE_TEXT}</p>' * 4}</article>"
    text = load_html(page(f"<main>{post}<div>{cards}</div></main>"), source="p.html").text
    assert ARTICLE_TEXT in text
    assert LISTING_ITEMS[0][1] not in text


def test_a_grid_of_cards_inside_a_page_is_part_of_it_not_a_listing() -> None:
    # a documentation theme (Astro Starlight) sets its cards as articles in the page's main
    cards = "".join(
        f'<article class="card"><p class="title">{title}</p><div>{text}</div></article>'
        for title, text in LISTING_ITEMS
    )
    about = page(
        f"<main><h1>About CECOP</h1><h2>Our mission</h2>{f'<p>{ARTICLE_TEXT}</p>' * 3}"
        f"<h2>Highlights</h2><div class='card-grid'>{cards}</div>"
        "<h2>The secretariat</h2><p>The secretariat in Brussels is led by Secretary General "
        "Diana Dovgan; Ilaria Buttu, Communications Officer, runs its newsletters.</p></main>"
    )
    text = load_html(about, source="about.html").text
    assert ARTICLE_TEXT in text
    assert "Ilaria Buttu, Communications Officer" in text
    assert all(title in text and teaser in text for title, teaser in LISTING_ITEMS)


def test_a_teaser_titled_by_a_link_is_a_section_of_its_own() -> None:
    """A listing whose teasers carry their title in a link, not a heading (Squarespace)."""
    teasers = "".join(
        f'<article class="BlogList-item hentry"><a class="BlogList-item-image-link" '
        f'href="/n{n}"><img src="/i{n}.jpg" alt="photo"></a>'
        f'<a class="BlogList-item-title" href="/n{n}">{title}</a>'
        f'<div class="Blog-meta"><time datetime="2024-0{n + 1}-01">1 {n}</time></div>'
        f'<div class="BlogList-item-excerpt"><p>{text} {EXCERPT_TAIL}</p></div>'
        f'<a class="BlogList-item-readmore" href="/n{n}">Read More</a></article>'
        for n, (title, text) in enumerate(LISTING_ITEMS)
    )
    listing = page(f"<main><div class='BlogList'>{teasers}</div></main>")
    blocks = load_html(listing, source="news.html").blocks
    headings = [block.text for block in blocks if block.kind == HEADING]
    assert headings == [title for title, _ in LISTING_ITEMS]
    texts = [block.text for block in blocks]
    starts = [texts.index(title) for title, _ in LISTING_ITEMS] + [len(texts)]
    for n, (_, teaser) in enumerate(LISTING_ITEMS):
        section = " ".join(texts[starts[n] : starts[n + 1]])
        assert teaser in section
    assert "Read More" not in " ".join(texts)


def test_the_date_above_a_teasers_title_stays_in_its_section() -> None:
    """A site builder's listing (Wix): author and date above the title, counters below."""
    teasers = "".join(
        f'<article data-hook="post-list-item"><div data-hook="post-metadata">'
        f'<span>CECOP</span><span data-hook="time-ago">Mar {n + 10}, 2024</span></div>'
        f'<a href="/n{n}"><div data-hook="post-title"><p class="blog-post-title-font">{title}'
        f'</p></div></a><div data-hook="post-description"><p>{text} {EXCERPT_TAIL}</p></div>'
        f'<div data-hook="post-footer"><span>{n + 40} views</span><span>0 comments</span></div>'
        "</article>"
        for n, (title, text) in enumerate(LISTING_ITEMS)
    )
    blocks = load_html(page(f"<main>{teasers}</main>"), source="news.html").blocks
    texts = [block.text for block in blocks]
    starts = [texts.index(title) for title, _ in LISTING_ITEMS] + [len(texts)]
    for n, (_, teaser) in enumerate(LISTING_ITEMS):
        section = " ".join(texts[starts[n] : starts[n + 1]])
        assert f"Mar {n + 10}, 2024" in section and teaser in section
    assert "views" not in " ".join(texts)


def test_an_article_classed_like_chrome_is_content_when_it_holds_the_page() -> None:
    """A newsletter issue (Substack): the article's class names a newsletter post."""
    issue = (
        '<article class="newsletter-post post"><h1>News - May 2024</h1>'
        f"<div class='body markup'><h3>Platform work</h3><p>{ARTICLE_TEXT}</p>"
        f"<h3>Procurement</h3><p>{EXCERPT_TAIL}</p></div></article>"
    )
    footer = "<div class='footer'><p>Substack is the home for great culture</p></div>"
    text = load_html(page(issue + footer), source="issue.html").text
    assert ARTICLE_TEXT in text and EXCERPT_TAIL in text
    assert "Substack" not in text


EMAIL_ITEMS = [
    ("Platform work", ARTICLE_TEXT),
    ("Public procurement", EXCERPT_TAIL),
]


def _email_issue() -> str:
    """A newsletter issue as email tools send it: layout tables, a module wrapper, a footer."""
    cell = '<td class="hse-column" style="padding:10px">{}</td>'
    rows = "".join(
        "<tr>"
        + cell.format(
            f'<table role="presentation" width="100%"><tr><td><h2>{title}</h2><p>{text}</p>'
            '<a class="hs-button" href="/more">Read more</a></td></tr></table>'
        )
        + "</tr>"
        for title, text in EMAIL_ITEMS
    )
    return (
        '<div style="display:none">Preview of this issue</div>'
        '<div id="hs_cos_wrapper_hs_email_body" class="hs_cos_wrapper '
        'hs_cos_wrapper_widget_container">'
        '<table role="presentation" width="100%">'
        '<tr><td><p><a href="/web">View in browser</a></p></td></tr>'
        '<tr><td style="font-size:28px">CECOP Flash</td><td>March 2021</td></tr>'
        f"{rows}</table>"
        '<div id="section-footer" class="hse-section"><table role="presentation"><tr><td>'
        "<p>Avenue Milcamps 105, Brussels</p>"
        "<p>You received this email because you subscribed to our updates.</p>"
        "<p><a href='/u'>Unsubscribe</a> · <a href='/p'>Manage preferences</a></p>"
        "</td></tr></table></div></div>"
    )


def test_an_email_built_of_layout_tables_keeps_each_item_once() -> None:
    """HubSpot wraps the whole email in a "widget" container and each item in its own cell."""
    document = load_html(page(_email_issue()), source="flash.html")
    blocks = [(block.kind, block.text) for block in document.blocks]
    assert blocks == [
        ("paragraph", "CECOP Flash"),
        ("paragraph", "March 2021"),
        (HEADING, "Platform work"),
        ("paragraph", ARTICLE_TEXT),
        (HEADING, "Public procurement"),
        ("paragraph", EXCERPT_TAIL),
    ]


def test_an_email_of_small_builder_modules_keeps_every_module() -> None:
    """HubSpot's drag-and-drop emails wrap each block in its own "widget" module."""
    module = '<div class="hs_cos_wrapper hs_cos_wrapper_widget hs_cos_wrapper_type_module">{}</div>'
    body = "".join(
        module.format(f"<h2>{title}</h2><p>{text}</p>") for title, text in EMAIL_ITEMS
    ) + module.format('<div class="hse-footer"><p><a href="/u">Unsubscribe</a></p></div>')
    document = load_html(page(f'<div class="hse-body-background">{body}</div>'), source="e.html")
    assert [block.text for block in document.blocks] == [
        "Platform work",
        ARTICLE_TEXT,
        "Public procurement",
        EXCERPT_TAIL,
    ]


def test_a_data_table_keeps_its_rows() -> None:
    table = (
        "<table><tr><th>Country</th><th>Members</th></tr>"
        "<tr><td><p>Italy</p></td><td>3</td></tr></table>"
    )
    document = load_html(page(f"<article><p>{ARTICLE_TEXT}</p>{table}</article>"), source="t.html")
    assert [block.text for block in document.blocks][1:] == ["Country | Members", "Italy | 3"]


def test_a_blog_post_keeps_its_items_without_read_more_links_or_feed_links() -> None:
    """Blogger: items split by <br />, each closing on a "Read more »" link, then feed links."""
    items = [
        ("Buyouts in Italy", "Federations and unions agreed to promote worker buyouts."),
        ("A new bulletin", "The fifth edition of our bulletin on social affairs is out."),
    ]
    body = "<br /><br />".join(
        f'<b>{title}</b><br />{text} {ARTICLE_TEXT} <a href="/news/{n}">Read more »</a>'
        for n, (title, text) in enumerate(items)
    )
    html = page(
        '<div class="post hentry"><h3 class="post-title entry-title">Flash #4</h3>'
        f'<div class="post-body entry-content">{body}</div></div>'
        '<div class="post-feeds"><div class="feed-links">Subscribe to: '
        '<a class="feed-link" href="/feeds/posts/default">Post Comments (Atom)</a></div></div>'
    )
    text = load_html(html, source="post.html").text
    for title, sentence in items:
        assert text.count(sentence) == 1
        assert title in text
    assert "Read more" not in text
    assert "Subscribe to" not in text
    assert "Atom" not in text


def test_text_for_screen_readers_only_is_dropped_but_a_hidden_title_is_kept() -> None:
    html = page(
        '<a class="sr-only" href="#main">Skip to content</a>'
        '<main><h1 class="visually-hidden">Cooperatives meet on platform work</h1>'
        '<p><span class="screen-reader-text">Posted on</span> 12 March 2024</p>'
        '<h2 id="work">What the directive changes<a class="anchor" href="#work">'
        '<span class="sr-only">Section titled "What the directive changes"</span></a></h2>'
        f"<p>{ARTICLE_TEXT}</p></main>"
    )
    document = load_html(html, source="news.html")
    assert document.title == "Cooperatives meet on platform work"
    assert "Skip to content" not in document.text
    assert "Posted on" not in document.text
    assert "Section titled" not in document.text
    assert [block.text for block in document.blocks if block.kind == HEADING] == [
        "Cooperatives meet on platform work",
        "What the directive changes",
    ]
