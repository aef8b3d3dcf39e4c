"""Cross-site request forgery protection for forms.

Each session gets one random token; every form carries it in a hidden ``csrf_token`` field
(templates call ``csrf_token()``), and every POST, PUT, PATCH or DELETE to a page route must
send it back (or in an ``X-CSRF-Token`` header). Requests authenticated with a Bearer token
are exempt: a browser never adds that header on another site's behalf. API writes (under
/api/) must carry a Bearer token instead. Together with ``SameSite=Lax`` session cookies this
is defence in depth.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, g, jsonify, request, session

SESSION_KEY = "csrf_token"
FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def csrf_token() -> str:
    """Return this session's CSRF token, making one on first use."""
    token = session.get(SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        session[SESSION_KEY] = token
    return token


def rotate_csrf_token() -> None:
    """Forget the session's token (after signing in or out) so a new one is made."""
    session.pop(SESSION_KEY, None)


def _valid(sent: str | None) -> bool:
    expected = session.get(SESSION_KEY)
    if not expected or not sent:
        return False
    return hmac.compare_digest(sent.encode("utf-8"), expected.encode("utf-8"))


def check_request():
    """Reject an unsafe request that lacks the session's token (page) or a Bearer token (API)."""
    if request.method not in UNSAFE_METHODS or request.routing_exception is not None:
        return None  # safe, or about to be answered 404/405 anyway
    if g.get("auth_method") == "token":
        return None
    if request.path.startswith("/api/"):
        response = jsonify(
            {
                "error": {
                    "code": "token_required",
                    "message": "Writes through the API need an "
                    "'Authorization: Bearer TOKEN' header.",
                }
            }
        )
        return response, 401
    if not _valid(request.form.get(FIELD) or request.headers.get(HEADER)):
        abort(
            400,
            description="The form has expired or did not come from this site. "
            "Go back, reload the page and try again.",
        )
    return None


def init_app(app: Flask) -> None:
    """Check every unsafe request and give templates ``csrf_token()``.

    Call after ``web.auth.init_app`` so the check knows how the request was authenticated.
    """
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.before_request(check_request)
