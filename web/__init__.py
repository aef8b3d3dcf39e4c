"""The web app: search page and JSON API over one knowledge base."""

from __future__ import annotations

from flask import Flask

from kb.knowledge_base import KnowledgeBase
from kb.settings import resolve_config


def create_app(config: dict | None = None) -> Flask:
    """Build the app: defaults, then the given mapping; open the knowledge base once."""
    app = Flask(__name__)
    app.config.from_mapping(KB_HOME=None, KB_MODEL=None, KB=None)
    if config:
        app.config.update(config)
    kb = app.config["KB"] or KnowledgeBase(
        resolve_config(app.config["KB_HOME"], app.config["KB_MODEL"])
    )
    app.extensions["kb"] = kb
    app.config["MAX_CONTENT_LENGTH"] = kb.config.max_upload_mb * 1024 * 1024

    from web import api, errors, security, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    errors.init_app(app)
    security.init_app(app)
    return app
