"""Error responses: JSON {"error": {"code", "message"}} under /api, pages elsewhere."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from kb.errors import InvalidQuery, NotFound


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, code: str, message: str):
    """Return the error as JSON for the API, or as a page for people."""
    if _wants_json():
        return jsonify({"error": {"code": code, "message": message}}), status
    return render_template("error.html", status=status, message=message), status


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(InvalidQuery)
    def invalid_query(error: InvalidQuery):
        return error_response(400, error.code, error.message)

    @app.errorhandler(NotFound)
    def not_found(error: NotFound):
        return error_response(404, "not_found", "Not found.")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = (error.name or "error").lower().replace(" ", "_")
        return error_response(error.code or 500, code, error.description or error.name)

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        app.logger.exception("unhandled error")
        return error_response(500, "internal_error", "Something went wrong on our side.")
