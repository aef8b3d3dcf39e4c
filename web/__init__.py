"""The web app: search page and JSON API over one knowledge base."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask

from kb.knowledge_base import KnowledgeBase
from kb.secret_key import load_or_create_secret_key
from kb.settings import resolve_config


def create_app(config: dict | None = None) -> Flask:
    """Build the app: defaults, then the given mapping; open the knowledge base once."""
    app = Flask(__name__)
    app.config.from_mapping(KB_HOME=None, KB_MODEL=None, KB=None)
    app.config.from_mapping(  # sessions: see web/auth.py for the cookie settings
        SECRET_KEY=None,
        KB_INSECURE_COOKIES=False,
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
    )
    if config:
        app.config.update(config)
    kb = app.config["KB"] or KnowledgeBase(
        resolve_config(app.config["KB_HOME"], app.config["KB_MODEL"])
    )
    app.extensions["kb"] = kb
    app.config["MAX_CONTENT_LENGTH"] = kb.config.max_upload_mb * 1024 * 1024
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = load_or_create_secret_key(kb.home)

    from web import (
        api,
        auth,
        csrf,
        documents,
        errors,
        files,
        glossary_views,
        security,
        staff,
        views,
    )

    auth.init_app(app)  # first: who is asking (before any other before_request)
    csrf.init_app(app)  # second: unsafe requests must carry the form token
    app.register_blueprint(files.bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(views.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(glossary_views.bp)
    app.register_blueprint(api.bp)
    errors.init_app(app)
    security.init_app(app)
    return app
