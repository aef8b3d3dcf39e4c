"""Who is asking: a Bearer token, a signed-in session, or nobody; and signing in and out.

Every request gets ``g.role`` (public, member, staff or admin), ``g.user`` (a signed-in
``kb.accounts.User`` or None) and ``g.auth_method`` ("token", "session" or None):

1. ``Authorization: Bearer TOKEN`` on any request. An unknown or revoked token is refused
   with 401 (``{"error": {"code": "invalid_token", ...}}`` under /api/, a page elsewhere).
2. Otherwise the session of someone who signed in at /login (a removed user is signed out).
3. Otherwise the public.

Session cookies are signed with the home's ``secret_key`` file, last
``PERMANENT_SESSION_LIFETIME`` (12 hours by default) and are ``HttpOnly`` and
``SameSite=Lax``. They are ``Secure`` (sent over HTTPS only) unless the app is configured with
``KB_INSECURE_COOKIES=True`` or ``SESSION_COOKIE_SECURE=False``. ``kb serve`` and ``kb demo``
turn it off when they listen on a loopback address (127.0.0.1, ::1, localhost), so signing in
works over plain http://127.0.0.1; behind an HTTPS proxy on loopback, pass
``--secure-cookies``. Werkzeug's test client sends Secure cookies over http anyway.

Failed sign-ins are counted per name and per client address in memory; too many within
15 minutes answer 429 until the window has passed.
"""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from kb.accounts import STAFF_ROLES, Accounts
from web.csrf import rotate_csrf_token
from web.errors import error_response

bp = Blueprint("auth", __name__)

THROTTLE_WINDOW_S = 15 * 60
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 20


class LoginThrottle:
    """Failed sign-ins per key (a name or an address) within a sliding window."""

    def __init__(self, window_s: float = THROTTLE_WINDOW_S, max_keys: int = 10_000):
        self.window_s = window_s
        self.max_keys = max_keys
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        times = [t for t in self._failures.get(key, []) if now - t < self.window_s]
        if times:
            self._failures[key] = times
        else:
            self._failures.pop(key, None)
        return times

    def wait_seconds(self, limits: dict[str, int]) -> int:
        """Return how long until a sign-in may be tried again for these keys (0 if now)."""
        now = time.monotonic()
        with self._lock:
            wait = 0.0
            for key, limit in limits.items():
                times = self._recent(key, now)
                if len(times) >= limit:
                    wait = max(wait, times[-limit] + self.window_s - now)
            return int(wait) + 1 if wait > 0 else 0

    def failed(self, keys) -> None:
        """Count a failed sign-in against each key."""
        now = time.monotonic()
        with self._lock:
            if len(self._failures) >= self.max_keys:
                self._failures.clear()  # bounded memory: an attacker spraying keys resets it
            for key in keys:
                self._failures.setdefault(key, []).append(now)

    def reset(self, key: str) -> None:
        """Forget a key's failures (after a successful sign-in)."""
        with self._lock:
            self._failures.pop(key, None)


def get_accounts() -> Accounts:
    """Return the app's accounts."""
    return current_app.extensions["accounts"]


def load_viewer():
    """Set ``g.role``, ``g.user`` and ``g.auth_method`` from a Bearer token or the session."""
    g.role, g.user, g.auth_method = "public", None, None
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        role = get_accounts().role_for_token(credentials.strip())
        if role is None:
            response, status = error_response(
                401, "invalid_token", "The API token is unknown or has been revoked."
            )
            return response, status, {"WWW-Authenticate": 'Bearer error="invalid_token"'}
        g.role, g.auth_method = role, "token"
        return None
    user_id = session.get("user_id")
    if user_id is not None:
        user = get_accounts().get_user(user_id)
        if user is None or user.name != session.get("user_name"):
            session.clear()
        else:
            g.role, g.user, g.auth_method = user.role, user, "session"
    return None


def mark_private(response):
    """Keep shared caches from storing what a signed-in viewer was shown."""
    response.vary.add("Cookie")
    response.vary.add("Authorization")
    if g.get("role", "public") != "public":
        response.cache_control.private = True
        response.cache_control.no_store = True
    return response


def viewer_context() -> dict:
    """Give templates ``viewer``: the signed-in name (or None), the role and staff rights."""
    user = g.get("user")
    role = g.get("role", "public")
    return {
        "viewer": {
            "name": user.name if user else None,
            "role": role,
            "is_staff": role in STAFF_ROLES,
        }
    }


def safe_next(target: str | None) -> str:
    """Return ``target`` if it is a path on this site, else the search page."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.isprintable():
            return target
    return url_for("views.search_page")


def _login_page(status: int = 200, error: str | None = None, name: str = "", next_url: str = ""):
    return render_template(
        "login.html", error=error, name=name, next=next_url or safe_next(None)
    ), status


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form; sign in with a name and password."""
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        return _login_page(next_url=next_url)
    name = request.form.get("name", "").strip()
    password = request.form.get("password", "")
    throttle: LoginThrottle = current_app.extensions["login_throttle"]
    limits = {
        f"name:{name.lower()}": MAX_FAILURES_PER_NAME,
        f"address:{request.remote_addr}": MAX_FAILURES_PER_ADDRESS,
    }
    wait = throttle.wait_seconds(limits)
    if wait:
        minutes = max(1, round(wait / 60))
        return _login_page(
            429,
            f"Too many failed sign-ins. Try again in {minutes} minute"
            f"{'s' if minutes != 1 else ''}.",
            name,
            next_url,
        )
    user = get_accounts().verify_password(name, password) if name and password else None
    if user is None:
        throttle.failed(limits)
        return _login_page(401, "Wrong name or password.", name, next_url)
    throttle.reset(f"name:{name.lower()}")
    session.clear()
    rotate_csrf_token()
    session["user_id"] = user.id
    session["user_name"] = user.name
    session.permanent = True
    return redirect(next_url)


@bp.post("/logout")
def logout():
    """Sign out (the form carries the CSRF token) and go back to the search page."""
    session.clear()
    return redirect(url_for("views.search_page"))


def init_app(app: Flask) -> None:
    """Register the blueprint, the viewer lookup, private caching and the template context."""
    app.extensions["accounts"] = Accounts(app.extensions["kb"].store)
    app.extensions["login_throttle"] = LoginThrottle()
    if app.config.get("KB_INSECURE_COOKIES"):
        app.config["SESSION_COOKIE_SECURE"] = False
    app.register_blueprint(bp)
    app.before_request(load_viewer)
    app.after_request(mark_private)
    app.context_processor(viewer_context)


def is_loopback(host: str) -> bool:
    """Return True for a loopback listening address (127.x.x.x, ::1, localhost)."""
    import ipaddress

    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
