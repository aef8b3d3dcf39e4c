"""Hidden documents cannot change what a viewer's keyword ranking looks like."""

from __future__ import annotations

from ingest.pipeline import Ingester
from tests.conftest import make_kb

PUBLIC = {
    "a.md": "# Alpha\n\nThe lantern cooperative repairs bicycles in Ghent.\n",
    "b.md": "# Beta\n\nA lantern workshop and a bakery share one building.\n",
}
HIDDEN = {"s.md": "# Staff\n\nLantern lantern lantern: the lantern budget for lantern repairs.\n"}


def _build(home, embedder, folder, with_hidden: bool):
    kb = make_kb(home, embedder)
    with Ingester(kb) as ingester:
        assert ingester.ingest_paths([folder / name for name in PUBLIC]).ok
    if with_hidden:
        with Ingester(kb, {"visibility": "staff"}) as ingester:
            assert ingester.ingest_paths([folder / name for name in HIDDEN]).ok
    return kb


def _keyword(kb, visibilities=("public",)):
    response = kb.search("lantern repairs", mode="keyword", visibilities=visibilities)
    return [(hit.source.rsplit("/", 1)[-1], hit.score) for hit in response.results]


def test_public_keyword_scores_ignore_hidden_documents(tmp_path, embedder):
    for name, text in {**PUBLIC, **HIDDEN}.items():
        (tmp_path / name).write_text(text)
    with_hidden = _build(tmp_path / "h1", embedder, tmp_path, with_hidden=True)
    without = _build(tmp_path / "h2", embedder, tmp_path, with_hidden=False)
    assert _keyword(with_hidden) == _keyword(without)
    staff_view = _keyword(with_hidden, ("public", "members", "staff"))
    assert staff_view[0][0] == "s.md"


def test_changing_visibility_moves_keyword_entries(tmp_path, embedder):
    for name, text in {**PUBLIC, **HIDDEN}.items():
        (tmp_path / name).write_text(text)
    kb = _build(tmp_path / "home", embedder, tmp_path, with_hidden=True)
    assert "s.md" not in dict(_keyword(kb))
    kb.set_visibility(str(tmp_path / "s.md"), "members")
    assert "s.md" not in dict(_keyword(kb))
    assert "s.md" in dict(_keyword(kb, ("public", "members")))
    kb.set_visibility(str(tmp_path / "s.md"), "public")
    assert "s.md" in dict(_keyword(kb))
    kb.set_visibility(str(tmp_path / "s.md"), "staff")
    assert "s.md" not in dict(_keyword(kb, ("public", "members")))
