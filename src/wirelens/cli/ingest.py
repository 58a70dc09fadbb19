"""``wirelens ingest SOURCE...``: read, analyse and store, with progress and a summary."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from wirelens import settings
from wirelens.cli.link import run_link
from wirelens.cli.output import ALLOW_PRIVATE, DB, FailureLog, SomeFailed
from wirelens.errors import FetchError, InputError

if TYPE_CHECKING:
    from rich.progress import Progress

    from wirelens.run import IngestReport
    from wirelens.run.options import Options

__all__ = ["ingest_command"]


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@DB
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes.")
@ALLOW_PRIVATE
@click.option("--no-link", is_flag=True, help="Store only; skip linking (run `wirelens link`).")
@click.option(
    "--entities",
    type=click.Choice(["windows", "full"]),
    default=None,
    help="How named entities are found: windows (NER only around capitalised words, numbers "
    "and time words; the default setting, about twice as fast) or full (NER over every token).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    help="local: this machine, --workers processes (default). spark: every stage on Apache "
    "Spark (needs Java 17 and wirelens[spark]); writes Parquet under --out.",
)
@click.option(
    "--master",
    default="local[*]",
    help="Spark master for --engine spark: local[*], local[N], spark://HOST:PORT or yarn.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder for --engine spark's Parquet (articles, attributions, failures, signatures, "
    "bands, pairs); `wirelens load DIR --db URL` stores it. With --engine spark, --db "
    "postgresql://... stores straight from the executors instead (or as well).",
)
def ingest_command(
    sources: tuple[str, ...],
    *,
    db: str | None,
    workers: int | None,
    allow_private: bool,
    engine: str,
    master: str,
    out: Path | None,
    no_link: bool,
    entities: str | None,
) -> None:
    """Read SOURCE... (files, folders, feeds, WARC, URLs), analyse each article, store it.

    Articles are keyed by content hash: ingesting the same thing again adds nothing, analyses
    nothing already stored, and says so. Each batch is committed on its own, so an interrupted
    ingest can simply be re-run. Documents or records (a JSON line, an archive record) that
    cannot be read or analysed are reported, skipped and recorded (see `wirelens failures`);
    the exit status is then 1. With --engine spark, files and folders are read, analysed,
    signed and banded on Spark and written as Parquet to --out, or stored straight into a
    PostgreSQL --db. New articles are then linked (wire copies grouped, quote traces,
    stories) unless ``--no-link`` is given.
    """
    from wirelens.run.options import Options

    options = Options.resolve(
        {"allow_private": True if allow_private else None, "entities": entities}
    )
    if engine == "spark":
        _ingest_spark(sources, options, (master, out, db), not no_link)
        return
    _ingest_local(sources, options, settings.load({"db": db, "workers": workers}), not no_link)


def _ingest_local(
    sources: tuple[str, ...], options: Options, values: dict[str, Any], link_after: bool
) -> None:
    """``--engine local``: read here, analyse in ``values["workers"]`` processes, store in
    ``values["db"]`` with a live progress line, then link unless told not to."""
    from wirelens.readers import read_documents
    from wirelens.run import ReadFailures, ingest
    from wirelens.store import open_store

    failures = FailureLog()
    read_failures = ReadFailures(then=failures)
    documents = read_documents(
        sources[0] if len(sources) == 1 else list(sources),
        on_error=read_failures,
        resolved=options.read,
    )
    started = time.perf_counter()
    with open_store(values["db"]) as store, _live_progress() as progress:
        task = progress.add_task("ingesting", total=None)

        def show(report: IngestReport) -> None:
            rate = report.read / max(time.perf_counter() - started, 1e-9)
            progress.update(
                task,
                description=f"{report.read} docs, {report.new} new, "
                f"{len(report.failed)} failed, {rate:.1f} docs/s",
            )

        try:
            report = ingest(
                documents,
                store,
                workers=values["workers"],
                batch_size=values["batch-size"],
                progress=show,
                read_failures=read_failures,
                options=options,
            )
        except (InputError, FetchError) as exc:  # a bad single source: recorded, then exit 2
            store.record_failure(sources[0], str(exc).removeprefix(sources[0]).lstrip(": "))
            raise
        elapsed = time.perf_counter() - started  # docs/s of ingest itself, before linking

        def linking(line: str) -> None:
            progress.update(task, description=f"linking: {line}")

        linked = run_link(store, linking) if link_after else None
        total, where = store.count(), store.name
    summary = (
        f"read {report.read}, new {report.new}, already present {report.existing}, "
        f"failed {len(report.failed) + len(failures.failed)}, analysed {report.analyzed}, "
        f"{total} articles in {where} ({report.read / max(elapsed, 1e-9):.1f} docs/s)"
    )
    _finish(report, failures, summary, linked)


def _live_progress() -> Progress:
    """A spinner on stderr, only on a terminal and wiped when done: off a terminal a last
    progress line would precede (and muddle) an error or warning on stderr."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    return Progress(*columns, console=console, transient=True, disable=not console.is_terminal)


def _finish(report: IngestReport, failures: FailureLog, summary: str, linked: str | None) -> None:
    """Print the summary; exit 1 when some inputs or articles failed (2 when nothing was read)."""
    click.echo(summary)
    if linked:
        click.echo(linked)
    if report.read and report.new == 0 and report.existing:
        click.echo("nothing new: every article was already in the corpus")
    failures.finish(report.read, "ingested")
    if report.failed:  # read fine, but cleaning or attribution failed: recorded, exit 1
        raise SomeFailed(
            f"{len(report.failed)} article(s) could not be analysed (`wirelens failures` lists "
            f"them); {report.new} new article(s) stored"
        )


def _ingest_spark(
    sources: tuple[str, ...],
    options: Options,
    where: tuple[str, Path | None, str | None],
    link_after: bool,
) -> None:
    """``--engine spark``: Parquet under --out and/or straight into PostgreSQL (--db given on
    the command line only: a WIRELENS_DB default never redirects a Parquet run)."""
    from wirelens.cli.load import load_summary
    from wirelens.errors import ConfigError
    from wirelens.run.spark import ingest_spark

    master, out, db = where
    if out is None and db is None:
        raise ConfigError(
            "--engine spark needs --out DIR (Parquet, then `wirelens load`) or "
            "--db postgresql://... (stored straight)"
        )
    click.echo(f"starting Spark on {master} ...", err=True)
    report = ingest_spark(list(sources), out, options, master=master, db=db, link_after=link_after)
    written = f"written to {out}" if out else "stored straight"
    click.echo(
        f"{report.shards} shards, {report.articles} articles, {report.attributions} "
        f"attributions, {report.failures} failed, {report.candidates} candidate pair(s), "
        f"{report.copies} copy pair(s), {written} (Spark start {report.startup_seconds:.1f}s, "
        f"run {report.run_seconds:.1f}s)"
        + ("" if report.stored else f"; store them with `wirelens load {out} --db URL`")
    )
    if report.stored is not None:
        click.echo(load_summary(report.stored, db or ""))
