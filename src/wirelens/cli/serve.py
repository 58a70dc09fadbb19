"""``wirelens serve``: the corpus as a JSON API and web pages, under uvicorn."""

from __future__ import annotations

import os
from typing import Any

import click

from wirelens import settings
from wirelens.cli.output import DB, say
from wirelens.errors import ConfigError

__all__ = ["serve_command"]


@click.command("serve")
@DB
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8321, show_default=True, help="TCP port."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (each with its own connections); more use more CPU cores.",
)
def serve_command(db: str | None, host: str, port: int, workers: int) -> None:
    """Serve the corpus: pages at http://HOST:PORT/, the JSON API under /api, docs at /docs.

    Read-only unless the environment variable WIRELENS_TOKEN is set: then POST /api/ingest
    accepts documents and URLs from requests sending 'Authorization: Bearer TOKEN'.
    """
    try:
        import uvicorn

        from wirelens.web import create_app
    except ImportError as exc:
        raise ConfigError(
            f"wirelens serve needs the web extra ({exc.name} is missing): "
            "pip install 'wirelens[web]'"
        ) from exc
    url = settings.load({"db": db})["db"]
    _index(url)
    app = create_app(url)  # also checks the database before any worker starts
    mode = "ingest enabled (WIRELENS_TOKEN)" if os.environ.get("WIRELENS_TOKEN") else "read-only"
    click.echo(f"wirelens: serving {url} on http://{host}:{port}/ ({mode}); Ctrl-C stops", err=True)
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning"}
    if workers == 1:
        uvicorn.run(app, server_header=False, **options)
        return
    # worker processes build their own app from the settings: pass the database on
    os.environ["WIRELENS_DB"] = url
    uvicorn.run(
        "wirelens.web.app:from_settings",
        factory=True,
        workers=workers,
        server_header=False,
        **options,
    )


def _index(url: str) -> None:
    """Build or catch up the text index before any request (progress on stderr).

    Searches would otherwise rank with FTS5 until someone ran ``wirelens index``: an index
    missing or far behind is left alone by searches, since building it takes seconds.
    """
    from wirelens.store import open_store

    with open_store(url) as store:
        done = store.refresh_text_index(build=True, progress=say)
    if done != "none":
        say(f"text index {done}")
