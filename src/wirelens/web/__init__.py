"""The corpus on the web: a JSON API (OpenAPI at ``/docs``) and server-rendered pages.

``create_app(db)`` builds one FastAPI application over a corpus; ``wirelens serve`` runs it
under uvicorn. The app is read-only (its connections refuse writes) unless ``WIRELENS_TOKEN``
is set, which enables ``POST /api/ingest`` for requests carrying that token. Pages need no
JavaScript and load nothing from elsewhere; every stored string is escaped.
"""

from __future__ import annotations

from wirelens.web.app import create_app

__all__ = ["create_app"]
