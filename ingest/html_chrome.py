"""Tell a web page's article from its chrome: navigation, banners, share bars, related posts.

The main container is the page's article, main element or the element with the densest text;
inside it, elements whose tag, role, class, id or heading says they are site furniture are
removed, even when the site put them inside the article.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
MIN_ARTICLE_CHARS = 200
ALWAYS_DROPPED_TAGS = [
    "script", "style", "noscript", "iframe", "svg", "button", "form", "template", "canvas",
    "object", "embed", "select", "input", "textarea", "dialog",
]  # fmt: skip
CHROME_TAGS = ["nav", "footer", "aside", "header"]
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
CHROME_WORDS = (
    "cookie|cookies|consent|gdpr|cmplz|share|sharing|sharedaddy|addtoany|social|socials|related"
    "|relatedposts|yarpp|newsletter|subscribe|subscription|signup|breadcrumb|breadcrumbs"
    "|comment|comments|disqus|sidebar|widget|widgets|advert|advertisement|ads|promo|popup|modal"
    "|pagination|pager|navbar|menu|skip|toolbar|readmore|more-posts|also-like|recommended"
    "|post-meta|entry-meta|byline|tags|tag-list|post-tags|tagcloud|more-link|entry-footer"
    "|post-footer|post-navigation|footer|feed-links|post-feeds|blog-feeds"
)
# Words that only say there is more: a paragraph or a link ("Read more »" closing a teaser's
# paragraph) saying only this is furniture.
READ_MORE = r"read more|continue reading|read (?:the )?(?:full )?(?:article|story|post)"
MORE_LINK = re.compile(rf"^(?:{READ_MORE})\W{{0,3}}$", re.I)
NOT_CHROME_AFTER = r"(?![_-](?:economy|enterprise|cooperative|dialogue|inclusion|protection))"
CHROME_ATTRIBUTE = re.compile(
    rf"(?:^|[\s_-])(?:{CHROME_WORDS})(?=$|[\s_-]){NOT_CHROME_AFTER}", re.I
)
CHROME_PHRASES = re.compile(
    r"(?:^|[\s_-])(?:read[\s_-]more|you[\s_-]may[\s_-]also[\s_-]like|share[\s_-]this|"
    r"more[\s_-]news|latest[\s_-]news|related[\s_-](?:posts|articles|news|content))(?=$|[\s_-])",
    re.I,
)
TAXONOMY_CLASS = re.compile(
    r"^(?:category|tag|topic|term|type|format|status|post|page)-"
    r"(?!(?:meta|footer|navigation|tags)$)",
    re.I,
)
# Page builders wrap every block in a "widget" ("hs_cos_wrapper_widget" in HubSpot's pages
# and emails, "elementor-widget" in Elementor's): these say nothing about what a block is.
BUILDER_CLASS = re.compile(
    r"^(?:hs_cos_wrapper(?:_widget(?:_container)?)?|elementor-widget(?:-container)?)$", re.I
)
# Classes that hide text from sight but not from screen readers (Bootstrap and Tailwind,
# WordPress, and the names their imitators use).
SCREEN_READER_CLASS = re.compile(
    r"sr-only|screen-reader-text|screen-reader-only|visually-?hidden|visuallyhidden|assistive-text"
    r"|element-invisible|hidden-visually|u-hidden-visually|a11y-hidden|offscreen"
)
CHROME_HEADINGS = re.compile(
    r"^(?:related(?: posts| articles| news| content)?|read more|you may also like|more news|"
    r"latest news|share(?: this(?: article| post| page)?)?|subscribe.*|sign up.*|"
    r"(?:join|subscribe to) our newsletter.*|comments?|leave a (?:reply|comment)|"
    r"see also|other news)\s*:?$",
    re.I,
)
CHROME_PARAGRAPHS = re.compile(
    rf"^(?:(?:{READ_MORE}|share(?: this)?|tweet|print|back to top|"
    r"(?:previous|next)(?: post| article)?|"
    # an email's furniture lines
    r"view (?:this (?:email|newsletter) )?(?:in|on) (?:your |a |the )?(?:browser|web)|"
    r"unsubscribe(?:\W+(?:manage|update) (?:your )?preferences)?|"
    r"(?:manage|update) (?:your )?preferences)\W{0,3}|"
    r"you (?:are receiving|received|get) this (?:email|message|newsletter) because\b.*)$",
    re.I,
)
# Post meta lines are chrome for the text, but their <time> or text is the article's date
# (Plone's "documentByLine" reads "published Nov 12, 2020 10:05 AM, last modified …").
BYLINE_CLASS = re.compile(
    r"(?:^|\s)(?:[\w-]*byline|post-meta|entry-meta|posted-on|documentpublished)(?:$|\s)", re.I
)


# A page of at least LISTING_ARTICLES articles whose largest holds less than LISTING_SHARE of
# their text is a listing (a news archive, search results): every teaser is content. A post
# followed by two or three teaser cards of other posts is not.
LISTING_ARTICLES = 3
LISTING_SHARE = 0.5
# Nor is a page whose main element holds more text beside its articles than in them: the
# cards of a grid ("<article class=card>" in a Starlight page) are part of its content.
LISTING_MAIN_SHARE = 0.5


def choose_main_container(soup: BeautifulSoup) -> Tag:
    """Return the article, main, role=main or densest element, else the body.

    On a listing page of several comparable articles, return the element holding them all.
    """
    body = soup.body or soup
    listing = _listing_container(soup)
    if listing is not None:
        return listing
    page_length = _text_length(body)
    for selector in ("article", "main", "[role=main]"):
        # an article classed "newsletter-post" is chrome by its class, content by its size
        candidates = [tag for tag in soup.select(selector) if not _is_furniture(tag, page_length)]
        if candidates:
            best = max(candidates, key=_text_length)
            length = _text_length(best)
            if length >= MIN_ARTICLE_CHARS or length * 2 > page_length:
                return best
    densest = _densest_element(body, page_length)
    return densest if densest is not None else body


def _listing_container(soup: BeautifulSoup) -> Tag | None:
    """Return the smallest element holding every teaser of a listing page, else None."""
    articles = [
        tag
        for tag in soup.find_all("article")
        if not _is_chrome(tag) and not inside_chrome(tag) and tag.find_parent("article") is None
    ]
    if len(articles) < LISTING_ARTICLES:
        return None
    lengths = [_text_length(tag) for tag in articles]
    if max(lengths) >= LISTING_SHARE * sum(lengths):
        return None
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if main is not None and sum(lengths) < LISTING_MAIN_SHARE * _text_length(main):
        return None
    common = articles[0].parent
    while common is not None and not all(common in tag.parents for tag in articles[1:]):
        common = common.parent
    return common


# A teaser's title element, where it is not a heading: "BlogList-item-title", "card__title".
TITLE_CLASS = re.compile(r"(?:^|[-_])title(?:$|[-_])", re.I)


def title_teasers(container: Tag) -> None:
    """Make the title of each teaser on a listing page a heading that starts the teaser.

    Some themes set a teaser's title in a link or a span, not a heading; without one the
    teasers of a page run into one passage and a question about one of them is answered
    with the dates and words of its neighbours.
    """
    teasers = [tag for tag in container.find_all("article") if tag.find_parent("article") is None]
    if len(teasers) < LISTING_ARTICLES:
        return
    for teaser in teasers:
        title = teaser.find(HEADING_TAGS) or teaser.find(
            lambda tag: any(TITLE_CLASS.search(name) for name in tag.get("class", []))
        )
        if title is None or not title.get_text(strip=True):
            continue
        if title.name not in HEADING_TAGS:
            title.name = "h2"
        # the author, date and reading time set above a title belong to its teaser
        teaser.insert(0, title.extract())


def _densest_element(body: Tag, page_length: int) -> Tag | None:
    """Return the element holding most paragraph text outside links, if it holds most text."""
    scores: dict[int, tuple[Tag, int]] = {}
    for paragraph in body.find_all("p"):
        parent = paragraph.parent
        if parent is None or inside_chrome(paragraph, page_length=page_length):
            continue
        length = len(paragraph.get_text(" ", strip=True)) - sum(
            len(link.get_text(strip=True)) for link in paragraph.find_all("a")
        )
        tag, score = scores.get(id(parent), (parent, 0))
        scores[id(parent)] = (tag, score + max(length, 0))
    if not scores:
        return None
    tag, score = max(scores.values(), key=lambda item: item[1])
    total = sum(score for _, score in scores.values())
    # paragraphs split over blocks, as an email sets each item in its own table cell: climb
    # to the smallest element holding most of the paragraph text
    while score * 2 <= total and tag is not body and tag.parent is not None:
        tag = tag.parent
        score = sum(s for t, s in scores.values() if t is tag or any(p is tag for p in t.parents))
    return tag if score >= MIN_ARTICLE_CHARS else None


def remove_chrome(container: Tag) -> None:
    """Remove navigation, banners, share/related/newsletter/comment boxes inside ``container``."""
    for tag in container.find_all(CHROME_TAGS):
        if tag.decomposed:
            continue
        if tag.name == "header" and tag.find("h1"):
            heading = tag.find("h1").extract()
            tag.replace_with(heading)
        else:
            tag.decompose()
    length = _text_length(container)
    for tag in container.find_all(True):
        if not tag.decomposed and (_is_furniture(tag, length) or _is_hidden(tag)):
            tag.decompose()
    for link in container.find_all("a"):
        if not link.decomposed and MORE_LINK.match(link.get_text(" ", strip=True)):
            link.decompose()
    for heading in container.find_all(HEADING_TAGS):
        for link in heading.find_all("a", href=True):
            # a permalink mark beside the heading's words: "¶" (MkDocs, Sphinx), "#", a
            # zero-width space (Docusaurus)
            if link["href"].startswith("#") and not any(c.isalnum() for c in link.get_text()):
                link.decompose()
    for heading in container.find_all(HEADING_TAGS):
        if not heading.decomposed and CHROME_HEADINGS.match(heading.get_text(" ", strip=True)):
            _remove_section(heading, container)


def _remove_section(heading: Tag, container: Tag) -> None:
    """Remove a chrome heading with its wrapper, or with what follows up to the next heading.

    The next heading that ends the section is one of the same or a higher level.
    """
    parent = heading.parent
    if parent is not None and parent is not container and len(parent.find_all(HEADING_TAGS)) == 1:
        parent.decompose()
        return
    level = int(heading.name[1])
    for sibling in list(heading.find_next_siblings()):
        if sibling.name in HEADING_TAGS and int(sibling.name[1]) <= level:
            break
        sibling.decompose()
    heading.decompose()


def _is_chrome(tag: Tag) -> bool:
    """Return whether an element's id, class, role or label marks it as site chrome."""
    if tag.attrs is None:
        return False
    if tag.get("role") in CHROME_ROLES:
        return True
    classes = [
        name
        for name in tag.get("class") or []
        if not TAXONOMY_CLASS.match(name) and not BUILDER_CLASS.match(name)
    ]
    # site builders name their parts in data attributes: data-hook="post-footer"
    names = (tag.get("id"), tag.get("aria-label"), tag.get("data-hook"), tag.get("data-testid"))
    labels = " ".join([*classes, *(name for name in names if isinstance(name, str))])
    return bool(CHROME_ATTRIBUTE.search(labels) or CHROME_PHRASES.search(labels))


def _is_furniture(tag: Tag, page_length: int) -> bool:
    """Return whether an element is chrome by its marks and not content by its size.

    An element holding more than half the text is the content, whatever its class says:
    HubSpot wraps a whole email or page in "hs_cos_wrapper_widget_container", and a theme
    may class its article "newsletter-post".
    """
    return _is_chrome(tag) and _text_length(tag) * 2 <= page_length


def inside_chrome(
    tag: Tag, chrome_tags: list[str] = CHROME_TAGS, page_length: int | None = None
) -> bool:
    """Return whether ``tag`` sits inside an element of ``chrome_tags`` or a chrome-marked one.

    Given the ``page_length``, a chrome-marked element holding most of the page is content.
    """
    return any(
        parent.name in chrome_tags
        or (_is_chrome(parent) if page_length is None else _is_furniture(parent, page_length))
        for parent in tag.parents
    )


def _is_hidden(tag: Tag) -> bool:
    """Return whether an element is hidden from readers.

    Text only screen readers announce ("Section titled ...", "Posted on", "Skip to content")
    is hidden too, unless it is a heading: a page may give its title to screen readers alone.
    """
    style = (tag.get("style") or "").replace(" ", "").lower()
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true" or "display:none" in style:
        return True
    return tag.name not in HEADING_TAGS and any(
        SCREEN_READER_CLASS.fullmatch(name) for name in tag.get("class") or []
    )


def _text_length(tag: Tag) -> int:
    """Return the number of non-space characters of an element's text."""
    return len(re.sub(r"\s+", "", tag.get_text()))
