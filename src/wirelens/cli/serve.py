"""``wirelens serve``: the corpus as a JSON API and web pages, under uvicorn."""

from __future__ import annotations

import os

import click

from wirelens import settings
from wirelens.cli.output import DB
from wirelens.errors import ConfigError

__all__ = ["serve_command"]


@click.command("serve")
@DB
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8321, show_default=True, help="TCP port."
)
def serve_command(db: str | None, host: str, port: int) -> None:
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
    app = create_app(url)
    mode = "ingest enabled (WIRELENS_TOKEN)" if os.environ.get("WIRELENS_TOKEN") else "read-only"
    click.echo(f"wirelens: serving {url} on http://{host}:{port}/ ({mode}); Ctrl-C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
