"""Signing in and out, sessions, Bearer tokens, CSRF on the login forms and throttling."""

from __future__ import annotations

import pytest

from kb.accounts import Accounts
from kb.secret_key import SECRET_KEY_FILE
from tests.conftest import MEMBERS_CANARY, PASSWORDS, STAFF_CANARY, form_token, sign_in
from web import create_app
from web.auth import MAX_FAILURES_PER_NAME, is_loopback


def canaries(client, **headers) -> set[str]:
    """Return which canaries a keyword search for both of them shows."""
    data = client.get(
        "/api/search",
        query_string={"q": f"{MEMBERS_CANARY} {STAFF_CANARY}", "mode": "keyword", "k": 50},
        headers=headers,
    ).get_json()
    found = " ".join(r["title"] + " " + r["text"] for r in data["results"]).lower()
    return {c for c in (MEMBERS_CANARY, STAFF_CANARY) if c in found}


def test_login_form_carries_a_csrf_token(access_app):
    page = access_app.test_client().get("/login?next=/glossary").get_data(as_text=True)
    assert 'name="csrf_token"' in page and len(form_token(page)) >= 32
    assert 'name="name"' in page and 'type="password"' in page
    assert 'name="next" value="/glossary"' in page


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("mara", {MEMBERS_CANARY}),
        ("sten", {MEMBERS_CANARY, STAFF_CANARY}),
        ("ada", {MEMBERS_CANARY, STAFF_CANARY}),
    ],
)
def test_signed_in_role_decides_what_is_read(access_app, name, sees):
    client = access_app.test_client()
    assert canaries(client) == set()
    response = sign_in(client, name)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert canaries(client) == sees
    page = client.get("/").get_data(as_text=True)
    assert f"Signed in as {name}" in page


def test_wrong_password_and_unknown_name_look_the_same(access_app):
    client = access_app.test_client()
    wrong = sign_in(client, "mara", "not-her-password")
    unknown = sign_in(client, "nobody", "not-her-password")
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert "Wrong name or password." in response.get_data(as_text=True)
    assert canaries(client) == set()


@pytest.mark.parametrize("token", [None, "", "forged-token-value-forged-token-value"])
def test_login_without_the_form_token_is_refused(access_app, token):
    client = access_app.test_client()
    client.get("/login")
    data = {"name": "mara", "password": PASSWORDS["mara"]}
    if token is not None:
        data["csrf_token"] = token
    response = client.post("/login", data=data)
    assert response.status_code == 400
    assert canaries(client) == set()


@pytest.mark.parametrize(
    ("target", "landing"),
    [
        ("/glossary?q=x", "/glossary?q=x"),
        ("//evil.example/steal", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_only_leads_to_this_site(access_app, target, landing):
    client = access_app.test_client()
    token = form_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login",
        data={"name": "mara", "password": PASSWORDS["mara"], "csrf_token": token, "next": target},
    )
    assert response.status_code == 302 and response.headers["Location"] == landing


def test_session_cookie_is_http_only_lax_and_secure_by_default(access_kb):
    client = create_app({"KB": access_kb}).test_client()
    cookie = sign_in(client, "mara").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_insecure_cookies_switch_drops_secure(access_kb):
    client = create_app({"KB": access_kb, "KB_INSECURE_COOKIES": True}).test_client()
    cookie = sign_in(client, "mara").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_loopback_hosts_are_recognised():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.1.1", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.4", "::", "example.org"))


def test_secret_key_comes_from_the_home(access_app, access_kb):
    secret = (access_kb.home / SECRET_KEY_FILE).read_bytes().strip()
    assert access_app.secret_key == secret and len(secret) >= 32


def test_logout_needs_post_and_the_form_token(access_app):
    client = access_app.test_client()
    sign_in(client, "sten")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.post("/logout", data={"csrf_token": "wrong"}).status_code == 400
    assert canaries(client) == {MEMBERS_CANARY, STAFF_CANARY}
    token = form_token(client.get("/").get_data(as_text=True))
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert canaries(client) == set()
    assert "Sign in" in client.get("/").get_data(as_text=True)


def test_bearer_token_sets_the_role(access_app, access_kb):
    accounts = Accounts(access_kb.store)
    _, member = accounts.create_token("member")
    _, staff = accounts.create_token("staff")
    client = access_app.test_client()
    assert canaries(client, Authorization=f"Bearer {member}") == {MEMBERS_CANARY}
    assert canaries(client, Authorization=f"Bearer {staff}") == {MEMBERS_CANARY, STAFF_CANARY}
    assert canaries(client, Authorization="Basic bWFyYTp4") == set()  # other schemes: public


@pytest.mark.parametrize("header", ["Bearer kbt_not-a-real-token", "Bearer ", "bearer nothing"])
def test_invalid_token_is_401_with_the_error_shape(access_app, header):
    response = access_app.test_client().get(
        "/api/search?q=cooperatives", headers={"Authorization": header}
    )
    assert response.status_code == 401
    assert response.get_json() == {
        "error": {
            "code": "invalid_token",
            "message": "The API token is unknown or has been revoked.",
        }
    }
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_is_refused_on_pages_too(access_app, access_kb):
    accounts = Accounts(access_kb.store)
    token_id, token = accounts.create_token("member")
    headers = {"Authorization": f"Bearer {token}"}
    client = access_app.test_client()
    assert client.get("/api/search?q=cooperatives", headers=headers).status_code == 200
    accounts.revoke_token(token_id)
    assert client.get("/api/search?q=cooperatives", headers=headers).status_code == 401
    page = client.get("/?q=cooperatives", headers=headers)
    assert page.status_code == 401 and "revoked" in page.get_data(as_text=True)
    assert MEMBERS_CANARY not in page.get_data(as_text=True).lower()


def test_repeated_failures_are_throttled_per_name(access_app):
    client = access_app.test_client()
    for _ in range(MAX_FAILURES_PER_NAME):
        assert sign_in(client, "mara", "guess-guess").status_code == 401
    blocked = sign_in(client, "mara")
    assert blocked.status_code == 429
    assert "Too many failed sign-ins" in blocked.get_data(as_text=True)
    assert canaries(client) == set()
    assert sign_in(client, "sten").status_code == 302  # another name is not blocked


def test_removed_user_is_signed_out(kb):
    app = create_app({"KB": kb, "TESTING": True})
    Accounts(kb.store).add_user("temp", "staff", "temp-password")
    client = app.test_client()
    assert sign_in(client, "temp", "temp-password").status_code == 302
    assert "Signed in as temp" in client.get("/").get_data(as_text=True)
    Accounts(kb.store).remove_user("temp")
    Accounts(kb.store).add_user("temp", "member", "other-password")  # same name, new person
    page = client.get("/").get_data(as_text=True)
    assert "Signed in as" not in page and "Sign in" in page


def test_signed_in_pages_are_not_cached_by_shared_caches(access_app):
    client = access_app.test_client()
    public = client.get("/?q=cooperatives")
    assert {"Cookie", "Authorization"} <= set(public.vary)
    sign_in(client, "mara")
    private = client.get("/?q=cooperatives")
    assert private.cache_control.private and private.cache_control.no_store
    assert {"Cookie", "Authorization"} <= set(private.vary)
