"""The application: routes, the one error handler, security headers, per-thread stores."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Scope

from wirelens.errors import WirelensError
from wirelens.web.guard import HEADERS, MAX_BODY_BYTES, Guard
from wirelens.web.pagecache import PageCache
from wirelens.web.render import render
from wirelens.web.stores import Stores

__all__ = ["create_app", "from_settings"]

log = logging.getLogger("wirelens.web")


def create_app(
    db: str,
    *,
    token: str | None = None,
    max_body: int = MAX_BODY_BYTES,
    page_cache: int | None = None,
) -> FastAPI:
    """The wirelens web app over the corpus at ``db`` (a SQLite path or a PostgreSQL URL).

    ``token`` enables ``POST /api/ingest`` (default: the ``WIRELENS_TOKEN`` environment
    variable; unset or empty keeps the server read-only). ``page_cache``: search pages kept
    per process (default: the ``page-cache`` setting; 0 keeps none).
    """
    from wirelens import settings
    from wirelens.web import api, link_api, link_pages, pages

    token = os.environ.get("WIRELENS_TOKEN") if token is None else token
    app = FastAPI(
        lifespan=_lifespan,
        title="wirelens",
        summary="Who said what, according to whom, first reported where.",
        version="0.1.0",
        docs_url=None,  # /docs is a page of ours: Swagger UI would load code from a CDN
        redoc_url=None,
    )
    app.state.stores = Stores(db)
    app.state.ingest_lock = threading.Lock()
    app.state.ingest_enabled = bool(token)
    app.include_router(api.router)
    app.include_router(link_api.router)
    app.include_router(pages.router)
    app.include_router(link_pages.router)
    app.add_exception_handler(WirelensError, _wirelens_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
    app.add_middleware(Guard, error=_error_app, token=token or None, max_body=max_body)
    # open the first connection now: a bad database fails at start, not on the first visitor
    size = settings.load()["page-cache"] if page_cache is None else page_cache
    app.state.stores.pages = PageCache.over(app.state.stores.get(), int(size))
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """At server start, build the merged speaker list in the background (:meth:`Stores.warm`)."""
    threading.Thread(target=_warm, args=(app.state.stores,), daemon=True).start()
    yield


def _warm(stores: Stores) -> None:
    try:
        stores.warm()
    except WirelensError as exc:  # the first request that needs the list says what is wrong
        log.warning("could not read the speakers at start: %s", exc)


def from_settings() -> FastAPI:
    """The app over the corpus the settings name (``WIRELENS_DB``): for server workers."""
    from wirelens import settings

    return create_app(settings.load()["db"])


def _wants_json(path: str, accept: str) -> bool:
    return (
        path.startswith("/api/")
        or path == "/openapi.json"
        or ("application/json" in accept and "text/html" not in accept)
    )


def error_response(path: str, accept: str, status: int, message: str) -> Response:
    """An error as JSON (``{"error", "status"}``) for the API, as a page for people."""
    if _wants_json(path, accept):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return HTMLResponse(
        render("error.html", status=status, message=message, title=f"Error {status}"),
        status_code=status,
    )


def _error_app(scope: Scope, status: int, message: str) -> ASGIApp:
    headers = {k.lower(): v for k, v in scope.get("headers", [])}
    accept = headers.get(b"accept", b"").decode("latin-1")
    return error_response(scope.get("path", ""), accept, status, message)


def _respond(request: Request, status: int, message: str) -> Response:
    return error_response(request.url.path, request.headers.get("accept", ""), status, message)


async def _wirelens_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status", 500)
    if status >= 500:
        log.warning("%s %s: %s", request.method, request.url.path, exc)
    return _respond(request, status, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "request refused"
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing here: {request.url.path[:200]}"
    response = _respond(request, exc.status_code, message)
    response.headers.update(exc.headers or {})
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems: list[str] = []
    for error in exc.errors()[:3]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return _respond(request, 422, "invalid request: " + "; ".join(problems))


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    # the traceback goes to the server log, never to the client
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    response = _respond(request, 500, "internal error: the server log has the details")
    for name, value in HEADERS:  # this response bypasses the Guard middleware
        response.headers[name.decode()] = value.decode()
    return response


def page_context(request: Request) -> dict[str, Any]:
    """What every page template needs from the request."""
    return {"path": request.url.path}
