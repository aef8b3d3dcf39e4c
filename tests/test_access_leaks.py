"""Members-only and staff-only documents never leak, on any route, for any viewer.

The home built by ``access_kb`` holds public documents, one members-only document about
"heronstone" and one staff-only document about "quillmarsh" (in text, title, a heading, an
acronym definition and a tag). Every route of the app is requested by every kind of viewer
with parameters meant to reveal them (``ROUTES`` below; a test fails if a route is missing).

Expectations are computed from the fixture by building, from the same files in the same
order, an *oracle* home per role that holds only what the role may read (same ids, same
passages). Whatever a public viewer or a member is shown by the real app must then equal what
the same request shows over their oracle home: same status, same type, same body (after
dropping CSRF tokens; bm25 scores and order included), and so the same
canaries, totals, facet counts, library counts, stats and glossary. And wherever a probe is
meant to reveal a document, a viewer who may read it must find its canary there.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest
from click.testing import CliRunner

from kb.access import visible_levels
from kb.accounts import Accounts
from kb.filters import Filters
from kb.query import parse_query
from tests.conftest import (
    MEMBERS_CANARY,
    STAFF_CANARY,
    build_access_kb,
    form_token,
    sign_in,
)
from web import create_app

pytestmark = pytest.mark.slow

CANARIES = {"members": MEMBERS_CANARY, "staff": STAFF_CANARY}
MISSING_DOC = 987654

# -- who asks --


@dataclass(frozen=True)
class Viewer:
    """A kind of visitor: a role and how it authenticates (none, session or token)."""

    label: str
    role: str
    auth: str = "none"
    user: str = ""


VIEWERS = (
    Viewer("public", "public"),
    Viewer("member-session", "member", "session", "mara"),
    Viewer("member-token", "member", "token"),
    Viewer("staff-session", "staff", "session", "sten"),
    Viewer("staff-token", "staff", "token"),
    Viewer("admin-session", "admin", "session", "ada"),
)


# -- what is asked: every route of the app, with parameters meant to reveal the canaries --


@dataclass(frozen=True)
class Probe:
    """One request. ``reveals``: levels whose canary a viewer allowed to read them (and in
    ``audience``) must find in the response."""

    path: str
    method: str = "GET"
    reveals: tuple[str, ...] = ()
    audience: tuple[str, ...] = ("member", "staff", "admin")
    data: dict = field(default_factory=dict)

    def url(self, ids: dict[str, int]) -> str:
        """Return the path with document ids filled in."""
        return self.path.format(**ids)


MEMBERS, STAFF, BOTH = ("members",), ("staff",), ("members", "staff")
STAFF_ONLY = ("staff", "admin")
MODES = ("hybrid", "keyword", "semantic")
SEARCH_QUERIES = [  # (query, levels it reveals in keyword and hybrid mode)
    (MEMBERS_CANARY, MEMBERS),
    (STAFF_CANARY, STAFF),
    ("HWG", MEMBERS),  # the public note names it; only members see the definition
    ("QOP", STAFF),
    ('"Heronstone Working Group"', MEMBERS),
    ("Quillmarsh Oversight Panel budget", STAFF),
    (f"{MEMBERS_CANARY} {STAFF_CANARY}", BOTH),
    ("reserved contracts for worker cooperatives", ()),
    ("type:newsletter cooperatives", MEMBERS),
    ("type:position-paper cooperatives", STAFF),
    ("year:2018-2019 reserved contracts", BOTH),
    ("cooperatives -heronstone -quillmarsh", ()),
    ("tag:heronstone", MEMBERS),
]
SEMANTIC_REVEALS = {  # near-verbatim sentences: semantic search finds them for their readers
    "Heronstone Working Group met in Ghent to compare reserved contracts": MEMBERS,
    "Quillmarsh Oversight Panel advises the secretariat on our budget": STAFF,
}
SEARCH_VARIANTS = [  # extra parameters on a canary query
    ("sort=newest", BOTH),
    ("sort=oldest", BOTH),
    ("k=1", ()),
    ("k=1&page=2", ()),
    ("page=2", ()),
    ("k=100", BOTH),
    ("type=newsletter", MEMBERS),
    ("type=position+paper", STAFF),
    ("type=report&type=news", ()),
    ("year_from=2018&year_to=2019", BOTH),
    ("year_from=2023", ()),
    ("lang=en", BOTH),
]


def search_probes(path: str) -> list[Probe]:
    """Probe a search route with every query, mode, filter, sort and page."""
    probes = [Probe(path)] if path == "/" else []
    for query, reveals in SEARCH_QUERIES:
        for mode in MODES:
            probes.append(
                Probe(
                    f"{path}?q={query}&mode={mode}",
                    reveals=() if mode == "semantic" else reveals,
                )
            )
    for query, reveals in SEMANTIC_REVEALS.items():
        probes.append(Probe(f"{path}?q={query}&mode=semantic", reveals=reveals))
    both = f"{MEMBERS_CANARY} {STAFF_CANARY}"
    for params, reveals in SEARCH_VARIANTS:
        probes.append(Probe(f"{path}?q={both}&mode=keyword&{params}", reveals=reveals))
    probes.append(Probe(f"{path}?q={both}&mode=bogus"))
    return probes


LIBRARY_PARAMS = [
    ("", BOTH),
    ("?sort=title", BOTH),
    ("?sort=oldest", BOTH),
    ("?k=1&page=5", ()),
    (f"?tag={MEMBERS_CANARY}", MEMBERS),
    (f"?tag={STAFF_CANARY}", STAFF),
    ("?type=newsletter", MEMBERS),
    ("?type=position+paper", STAFF),
    ("?type=report", ()),
    ("?year_from=2018&year_to=2019", BOTH),
    ("?lang=en", BOTH),
    ("?tag=procurement", MEMBERS),
    ("?type=nonsense", ()),
]

DOC_PROBES = [
    ("{public_doc}", ()),
    ("{public_pdf}", ()),
    ("{members_doc}", MEMBERS),
    ("{staff_doc}", STAFF),
    (str(MISSING_DOC), ()),
]


def document_probes(path: str, with_chunks: bool) -> list[Probe]:
    """Probe a per-document route for public, hidden and missing documents."""
    probes = [Probe(path.replace("<id>", doc), reveals=reveals) for doc, reveals in DOC_PROBES]
    if with_chunks:  # a focused passage shows "more like this" from other documents
        for doc, reveals in DOC_PROBES:
            for chunk in (0, 1, 99):
                probes.append(Probe(f"{path.replace('<id>', doc)}?chunk={chunk}", reveals=reveals))
    return probes


ROUTES: dict[str, list[Probe]] = {
    "/": search_probes("/"),
    "/api/search": search_probes("/api/search"),
    "/library": [Probe(f"/library{params}", reveals=r) for params, r in LIBRARY_PARAMS],
    "/api/documents": [Probe(f"/api/documents{params}", reveals=r) for params, r in LIBRARY_PARAMS],
    "/doc/<int:doc_id>": document_probes("/doc/<id>", with_chunks=True),
    "/api/documents/<int:doc_id>": document_probes("/api/documents/<id>", with_chunks=False),
    "/files/<int:doc_id>": document_probes("/files/<id>", with_chunks=False),
    "/glossary": [Probe("/glossary", reveals=BOTH)],
    "/api/glossary": [Probe("/api/glossary", reveals=BOTH)],
    "/api/openapi.json": [Probe("/api/openapi.json")],
    "/static/<path:filename>": [Probe("/static/style.css"), Probe("/static/app.js")],
    "/login": [
        Probe("/login"),
        Probe("/login?next=/doc/{staff_doc}"),
        Probe("/login", "POST", data={"name": "mara", "password": "wrong-password"}),
    ],
    "/logout": [Probe("/logout", "POST")],
    "/staff/upload": [
        Probe("/staff/upload", audience=STAFF_ONLY),
        Probe("/staff/upload", "POST", data={"visibility": "public"}),
    ],
    "/staff/documents": [Probe("/staff/documents", reveals=BOTH, audience=STAFF_ONLY)],
    "/staff/documents/<int:doc_id>/delete": [
        Probe("/staff/documents/{members_doc}/delete", "POST"),
        Probe(f"/staff/documents/{MISSING_DOC}/delete", "POST"),
    ],
    "/staff/documents/<int:doc_id>/visibility": [
        Probe("/staff/documents/{staff_doc}/visibility", "POST", data={"visibility": "public"}),
        Probe(f"/staff/documents/{MISSING_DOC}/visibility", "POST", data={"visibility": "public"}),
    ],
}
# POST probes carry no CSRF token, so a signed-in staff member's request is refused and nothing
# changes. Staff Bearer tokens are exempt from CSRF, so they skip POST probes (see
# test_staff_actions.py for what they may do).


# -- the sites: the real home and one oracle home per role that holds only what it may read --


@dataclass
class Site:
    """An app over one home, with a client per viewer."""

    app: object
    kb: object
    tokens: dict[str, str]
    clients: dict[str, object] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)

    def client(self, viewer: Viewer):
        """Return the client of a viewer, signed in or carrying its token."""
        if viewer.label not in self.clients:
            client = self.app.test_client()
            if viewer.auth == "session":
                assert sign_in(client, viewer.user).status_code == 302
            elif viewer.auth == "token":
                client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {self.tokens[viewer.role]}"
            self.clients[viewer.label] = client
        return self.clients[viewer.label]

    def request(self, viewer: Viewer, method: str, url: str, data: dict):
        """Return (and remember) the response to a request by a viewer."""
        key = (viewer.label, method, url, json.dumps(data, sort_keys=True))
        if key not in self.cache:
            client = self.client(viewer)
            self.cache[key] = client.open(url, method=method, data=data or None)
        return self.cache[key]


def make_site(kb) -> Site:
    accounts = Accounts(kb.store)
    tokens = {role: accounts.create_token(role)[1] for role in ("member", "staff")}
    return Site(create_app({"KB": kb, "TESTING": True}), kb, tokens)


@pytest.fixture(scope="module")
def sites(tmp_path_factory, embedder, access_kb, access_corpus) -> dict[str, Site]:
    """The real site ("all") and the oracles ("public", "members") built from the fixture."""
    oracles = {}
    for level, allowed in (("public", ("public",)), ("members", ("public", "members"))):
        files = [(path, lvl) for path, lvl in access_corpus if lvl in allowed]
        home = tmp_path_factory.mktemp(f"oracle-{level}") / "home"
        oracles[level] = make_site(build_access_kb(home, embedder, files))
    return {"all": make_site(access_kb), **oracles}


@pytest.fixture(scope="module")
def ids(access_kb) -> dict[str, int]:
    """Ids of the fixture's documents, to fill in probe paths."""
    by_name = {
        d.source.rsplit("/", 1)[-1]: d.id
        for d in access_kb.list_documents(("public", "members", "staff"))
    }
    return {
        "public_doc": by_name["worker-buyouts.md"],
        "public_pdf": by_name["procurement-review-2023.pdf"],
        "members_doc": by_name["heronstone-briefing.html"],
        "staff_doc": by_name["quillmarsh-memo.pdf"],
    }


def oracle_of(viewer: Viewer) -> str:
    """Return the site holding exactly what a viewer may read."""
    levels = visible_levels(viewer.role)
    return "all" if "staff" in levels else ("members" if "members" in levels else "public")


# -- comparing responses --

_CSRF = re.compile(r'(name="csrf_token" value=")[^"]*(")')


def comparable(response) -> str | bytes:
    """Return a response body without what legitimately differs between homes (CSRF tokens).

    Each audience has its own keyword index, so even bm25 scores and the order of close
    results must be identical to the oracle's.
    """
    if response.is_json:
        return json.dumps(response.get_json(), sort_keys=True, indent=1)
    if response.mimetype.startswith("text/"):
        return _CSRF.sub(r"\1CSRF\2", response.get_data(as_text=True))
    return response.data


def scanned(response) -> str:
    """Return everything a viewer gets back, lower-cased: headers and body."""
    head = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
    return (head + "\n" + response.get_data().decode("utf-8", "replace")).lower()


def first_difference(a: str | bytes, b: str | bytes) -> str:
    """Return where two bodies start to differ, with some context."""
    n = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    start, end = max(0, n - 150), n + 150
    return f"at {n}:\n  real:   {a[start:end]!r}\n  oracle: {b[start:end]!r}"


def check_probe(sites: dict[str, Site], ids: dict, viewer: Viewer, probe: Probe) -> list[str]:
    """Return what is wrong with one probe for one viewer (empty when nothing is)."""
    url = probe.url(ids)
    real = sites["all"].request(viewer, probe.method, url, probe.data)
    problems = []
    where = f"{viewer.label} {probe.method} {url}"
    policy = real.headers.get("Content-Security-Policy", "")
    if "frame-ancestors" not in policy or real.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append(f"{where}: security headers missing")
    oracle_name = oracle_of(viewer)
    if oracle_name != "all":
        oracle = sites[oracle_name].request(viewer, probe.method, url, probe.data)
        for level, canary in CANARIES.items():
            seen, allowed = scanned(real).count(canary), scanned(oracle).count(canary)
            if seen != allowed:
                problems.append(
                    f"{where}: LEAK of the {level} canary {canary!r} "
                    f"({seen} occurrences, {allowed} expected)"
                )
        if real.status_code != oracle.status_code:
            problems.append(
                f"{where}: status {real.status_code}, expected "
                f"{oracle.status_code} (as if hidden documents did not exist)"
            )
        elif real.mimetype != oracle.mimetype:
            problems.append(f"{where}: type {real.mimetype}, expected {oracle.mimetype}")
        elif comparable(real) != comparable(oracle):
            difference = first_difference(comparable(real), comparable(oracle))
            problems.append(
                f"{where}: differs from the same request over a home without "
                f"hidden documents, {difference}"
            )
    if viewer.role in probe.audience:
        for level in probe.reveals:
            if level in visible_levels(viewer.role):
                baseline = sites["public"].request(viewer, probe.method, url, probe.data)
                canary = CANARIES[level]
                if scanned(real).count(canary) <= scanned(baseline).count(canary):
                    problems.append(
                        f"{where}: a viewer who may read the {level} document "
                        f"does not find {canary!r} (status {real.status_code})"
                    )
    return problems


# -- the tests --


def _methods(rule) -> set[str]:
    return set(rule.methods) - {"HEAD", "OPTIONS"}


def test_every_route_is_covered(sites, ids):
    app = sites["all"].app
    adapter = app.url_map.bind("localhost")
    rules = {}
    for rule in app.url_map.iter_rules():
        rules.setdefault(rule.rule, set()).update(_methods(rule))
    problems = [
        f"route {path} ({', '.join(sorted(methods))}) is not in ROUTES of "
        f"tests/test_access_leaks.py: add probes that would reveal hidden documents"
        for path, methods in rules.items()
        if path not in ROUTES
    ]
    problems += [
        f"ROUTES lists {path} but the app has no such route: remove it"
        for path in ROUTES
        if path not in rules
    ]
    for path, probes in ROUTES.items():
        if path not in rules:
            continue
        for method in rules[path] - {p.method for p in probes}:
            problems.append(f"route {path} answers {method} but ROUTES has no {method} probe")
        for probe in probes:
            endpoint, _ = adapter.match(probe.url(ids).split("?")[0], method=probe.method)
            matched = next(r.rule for r in app.url_map.iter_rules() if r.endpoint == endpoint)
            if matched != path:
                problems.append(
                    f"probe {probe.method} {probe.path} is listed under {path} "
                    f"but matches {matched}"
                )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewer", VIEWERS, ids=[v.label for v in VIEWERS])
@pytest.mark.parametrize("route", list(ROUTES))
def test_route_shows_exactly_what_the_viewer_may_read(sites, ids, route, viewer):
    problems = []
    for probe in ROUTES[route]:
        if probe.method != "GET" and viewer.auth == "token" and viewer.role != "member":
            continue  # would really act: staff tokens need no CSRF token
        problems.extend(check_probe(sites, ids, viewer, probe))
    assert not problems, "\n".join(problems)


# -- counts computed from the fixture --


def visible_files(access_corpus, role: str) -> list:
    return [path for path, level in access_corpus if level in visible_levels(role)]


@pytest.mark.parametrize("viewer", VIEWERS, ids=[v.label for v in VIEWERS])
def test_library_counts_match_the_fixture(sites, access_corpus, access_kb, viewer):
    client = sites["all"].client(viewer)
    expected = len(visible_files(access_corpus, viewer.role))
    levels = visible_levels(viewer.role)
    passages = access_kb.store.conn.execute(
        "SELECT COUNT(*) FROM chunks c JOIN documents d ON d.id = c.doc_id"
        f" WHERE d.visibility IN ({','.join('?' * len(levels))})",
        levels,
    ).fetchone()[0]
    data = client.get("/api/documents").get_json()
    assert data["total"] == expected == len(data["documents"])
    assert sum(f["count"] for f in data["facets"]["type"]) == expected
    tags = {f["value"]: f["count"] for f in data["facets"]["tag"]}
    may = visible_levels(viewer.role)
    assert tags.get(MEMBERS_CANARY, 0) == ("members" in may)
    assert tags.get(STAFF_CANARY, 0) == ("staff" in may)
    page = client.get("/library").get_data(as_text=True)
    assert f"{expected} documents" in page
    home = client.get("/").get_data(as_text=True)
    assert f"{expected} documents and {passages} passages are open to you" in home


@pytest.mark.parametrize("viewer", VIEWERS, ids=[v.label for v in VIEWERS])
def test_search_totals_and_facets_match_the_fixture(sites, access_kb, viewer):
    client = sites["all"].client(viewer)
    may = visible_levels(viewer.role)
    for level, canary in CANARIES.items():
        chunks = access_kb.store.conn.execute(
            "SELECT COUNT(*) FROM chunks c JOIN documents d ON d.id = c.doc_id"
            " WHERE d.visibility = ?",
            (level,),
        ).fetchone()[0]
        data = client.get(
            "/api/search", query_string={"q": canary, "mode": "keyword", "k": 100}
        ).get_json()
        expected = chunks if level in may else 0
        assert data["total"] == expected == len(data["results"])
        types = {f["value"]: f["count"] for f in data["facets"]["type"]}
        assert types == (
            {"newsletter" if level == "members" else "position paper": 1} if level in may else {}
        )
        assert sum(y["count"] for y in data["timeline"]) == (1 if level in may else 0)


@pytest.mark.parametrize("viewer", VIEWERS, ids=[v.label for v in VIEWERS])
def test_glossary_has_exactly_the_visible_definitions(sites, viewer):
    data = sites["all"].client(viewer).get("/api/glossary").get_json()
    defined = {(e["acronym"], e["expansion"]) for e in data["entries"]}
    may = visible_levels(viewer.role)
    assert (("HWG", "Heronstone Working Group") in defined) == ("members" in may)
    assert (("QOP", "Quillmarsh Oversight Panel") in defined) == ("staff" in may)
    assert data["total"] == len(data["entries"])


def test_acronym_expansion_uses_only_visible_definitions(sites):
    public = sites["all"].client(VIEWERS[0])
    member = sites["all"].client(VIEWERS[1])
    public_hits = public.get("/api/search?q=HWG&mode=keyword").get_json()["results"]
    member_hits = member.get("/api/search?q=HWG&mode=keyword").get_json()["results"]
    assert [h["source"].rsplit("/", 1)[-1] for h in public_hits] == ["working-groups.md"]
    assert any(h["source"].endswith("heronstone-briefing.html") for h in member_hits)


# -- filtering happens before ranking --


def test_public_semantic_search_fills_k(sites, access_kb):
    """Hidden passages are closest to the query, yet the public still gets k public passages."""
    public_chunks = access_kb.store.counts(("public",))["chunks"]
    query = "Quillmarsh Oversight Panel and Heronstone Working Group on reserved contracts"
    candidates = access_kb.searcher.candidates(
        parse_query(query), "semantic", ("public",), Filters(), public_chunks
    )
    rows = access_kb.store.chunk_rows([c.chunk_id for c in candidates])
    assert len(candidates) == public_chunks
    assert {row["visibility"] for row in rows.values()} == {"public"}
    everyone = access_kb.searcher.candidates(
        parse_query(query), "semantic", ("public", "members", "staff"), Filters(), 3
    )
    hidden_first = access_kb.store.chunk_rows([c.chunk_id for c in everyone])
    assert {r["visibility"] for r in hidden_first.values()} & {"members", "staff"}

    client = sites["all"].client(VIEWERS[0])
    oracle = sites["public"].client(VIEWERS[0])
    expected = oracle.get(
        "/api/search", query_string={"q": query, "mode": "semantic", "k": 100}
    ).get_json()["total"]
    for k in (3, expected):
        data = client.get(
            "/api/search", query_string={"q": query, "mode": "semantic", "k": k}
        ).get_json()
        assert len(data["results"]) == k
        assert all(r["source"].rsplit("/", 2)[-2] != "staff" for r in data["results"])
        assert all(r["source"].rsplit("/", 2)[-2] != "members" for r in data["results"])


# -- tokens made on the command line --


def test_cli_token_is_accepted_until_revoked(access_app, access_kb):
    from cli.main import cli

    def kb(*args):
        return CliRunner().invoke(
            cli, ["--home", str(access_kb.home), *args], catch_exceptions=False
        )

    created = kb("token", "create", "--role", "member", "--name", "leak-suite")
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    headers = {"Authorization": f"Bearer {token}"}
    client = access_app.test_client()
    found = client.get(f"/api/search?q={MEMBERS_CANARY}&mode=keyword", headers=headers)
    assert found.status_code == 200
    assert found.get_json()["total"] > 0
    assert MEMBERS_CANARY in json.dumps(found.get_json()["results"]).lower()
    assert (
        STAFF_CANARY
        not in client.get(f"/api/search?q={STAFF_CANARY}", headers=headers)
        .get_data(as_text=True)
        .lower()
        .split('"results"', 1)[1]
    )
    listed = kb("token", "list")
    assert "leak-suite" in listed.output and token not in listed.output
    assert kb("token", "revoke", "leak-suite").exit_code == 0
    refused = client.get(f"/api/search?q={MEMBERS_CANARY}", headers=headers)
    assert refused.status_code == 401
    assert refused.get_json()["error"]["code"] == "invalid_token"


# -- security basics --


@pytest.mark.parametrize(
    "path",
    [
        "/files/..%2f..%2fkb.sqlite3",
        "/files/../manifest.json",
        "/files/..%2fsecret_key",
        "/files/%2e%2e%2fkb.sqlite3",
        "/files/0",
        "/doc/..%2f..%2fkb.sqlite3",
    ],
)
def test_traversal_is_404(sites, path):
    for viewer in (VIEWERS[0], VIEWERS[3]):
        response = sites["all"].client(viewer).get(path)
        assert response.status_code == 404
        assert b"SQLite format 3" not in response.data and b'"model"' not in response.data


CSRF_TARGETS = [
    ("/login", {"name": "sten", "password": "sten-staff-pass"}),
    ("/logout", {}),
    ("/staff/upload", {"visibility": "public"}),
    ("/staff/documents/{members_doc}/delete", {}),
    ("/staff/documents/{members_doc}/visibility", {"visibility": "public"}),
]


@pytest.mark.parametrize("token", ["missing", "wrong"])
@pytest.mark.parametrize(("path", "data"), CSRF_TARGETS, ids=[p for p, _ in CSRF_TARGETS])
def test_forms_without_the_session_token_are_refused(access_app, access_kb, ids, path, data, token):
    client = access_app.test_client()
    sign_in(client, "sten")
    real = form_token(client.get("/login").get_data(as_text=True))
    form = dict(data)
    if token == "wrong":
        form["csrf_token"] = real[::-1]
    before = [
        (d.id, d.visibility) for d in access_kb.list_documents(("public", "members", "staff"))
    ]
    response = client.post(path.format(**ids), data=form)
    assert response.status_code in (400, 403)
    after = [(d.id, d.visibility) for d in access_kb.list_documents(("public", "members", "staff"))]
    assert after == before
    assert "Signed in as sten" in client.get("/").get_data(as_text=True)
