"""``wirelens read``: formats, one-line errors, warnings for bad files in a folder, exit codes.

Most tests replace ``wirelens.clean`` with a tiny stand-in so the command's own behaviour is
tested whatever state cleaning is in; ``test_real_clean_end_to_end`` runs the real one (it
skips locally until clean/ exists, and fails in CI if it does not).
"""

from __future__ import annotations

import gzip
import importlib
import io
import json
import sys
import types
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, require
from wirelens.cli import main
from wirelens.model import Article, Document, content_id

READERS = FIXTURES / "readers"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _fake_clean(document: Document) -> Article:
    text = document.content
    return Article(
        id=content_id(text),
        body=text,
        text=text,
        title=document.title or "Fictional title",
        outlet=document.outlet,
        url=document.url,
        source=document.source,
    )


@pytest.fixture
def fake_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("wirelens.clean")
    module.clean = _fake_clean  # type: ignore[attr-defined]
    module.clean_each = lambda documents, on_error: map(_fake_clean, documents)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "wirelens.clean", module)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["read", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("fake_clean")
def test_jsonl_is_the_default_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, str(READERS / "herald.rss"))
    assert (code, err) == (0, "")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["title"] for r in rows] == [
        "Council delays tram vote",
        "Port strike ends after two days",
    ]


@pytest.mark.usefixtures("fake_clean")
def test_json_array(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, str(READERS / "wire-story"), str(READERS / "bulletin.atom"), "--format", "json"
    )
    assert code == 0
    assert [a["outlet"] for a in json.loads(out)] == [None, "Valley Bulletin"]


@pytest.mark.usefixtures("fake_clean")
def test_ninjs_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(READERS / "bulletin.atom"), "--format", "ninjs")
    assert code == 0
    [item] = [json.loads(line) for line in out.splitlines()]
    assert item["type"] == "text"
    assert item["headlines"][0]["value"] == "Dam inspection finds no cracks"


@pytest.mark.usefixtures("fake_clean")
def test_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(READERS / "herald.rss"), "--format", "table")
    assert code == 0
    assert "Council delays tram vote" in out
    assert "The Example Herald" in out
    for column in ("id", "title", "outlet", "agency", "dateline", "published", "body", "parts"):
        assert column in out


def test_single_bad_source_is_one_error_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(PNG)
    code, out, err = _run(capsys, str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"wirelens: error: {path}: looks binary (PNG image)")


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "no-such-file.html")
    assert code == 2
    assert err == "wirelens: error: no-such-file.html: no such file or directory\n"


def test_private_url_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "http://169.254.169.254/latest/meta-data/")
    assert code == 2
    assert "link-local address; use --allow-private" in err


def test_max_bytes_flag(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, str(READERS / "broadsheet.html"), "--max-bytes", "100")
    assert code == 2
    assert "larger than max-bytes (100 bytes)" in err


def _folder(root: Path, *, good: bool) -> None:
    (root / "sub").mkdir()
    (root / "sub" / "photo.html").write_bytes(PNG)
    (root / "empty.txt").write_bytes(b"")
    packed = gzip.compress((READERS / "broadsheet.html").read_bytes())
    (root / "cut.gz").write_bytes(packed[: len(packed) // 2])
    if good:
        (root / "story").write_bytes((READERS / "wire-story").read_bytes())


@pytest.mark.usefixtures("fake_clean")
def test_folder_with_some_bad_files_warns_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _folder(tmp_path, good=True)
    code, out, err = _run(capsys, str(tmp_path))
    assert code == 1
    assert len(out.splitlines()) == 1
    assert json.loads(out)["body"].startswith("LISBON")
    lines = err.splitlines()
    assert lines[:3] == [
        f"wirelens: warning: {tmp_path / 'cut.gz'}: gzip data is truncated (the file ends "
        "mid-stream); re-download or re-compress it",
        f"wirelens: warning: {tmp_path / 'empty.txt'}: empty input (0 bytes)",
        f"wirelens: warning: {tmp_path / 'sub' / 'photo.html'}: looks binary (PNG image), "
        "not news text or markup",
    ]
    assert lines[3] == "wirelens: warning: 3 input(s) could not be read; 1 article(s) read"


def test_folder_where_nothing_can_be_read_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _folder(tmp_path, good=False)
    code, out, err = _run(capsys, str(tmp_path))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 4
    assert all(line.startswith("wirelens: warning: ") for line in lines[:3])
    assert lines[3] == "wirelens: error: nothing could be read (3 input(s) failed)"


def test_real_clean_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        module = importlib.import_module("wirelens.clean")
    except ImportError:
        module = None
    require(hasattr(module, "clean"), "wirelens.clean.clean is not built yet")
    code, out, err = _run(capsys, str(READERS / "wire-story"), "--format", "jsonl")
    assert (code, err) == (0, "")
    article = json.loads(out)
    assert article["id"].startswith("sha256:")
    assert "Valadares" in article["body"]


def test_library_read_keeps_scripts_out_of_text() -> None:
    """wirelens.read over the reader: HTML full of scripts/iframes reads and cleans to text
    with no script in it (cleaning's job; pinned here end to end)."""
    module = importlib.import_module("wirelens.clean") if _has_clean() else None
    require(module is not None, "wirelens.clean.clean is not built yet")
    import wirelens

    [article] = wirelens.read(READERS / "broadsheet.html")
    assert "overdue by a decade" in article.text
    for junk in ("console.log", "window.tracker", "tracking pixel", "<iframe"):
        assert junk not in article.text


def _has_clean() -> bool:
    try:
        return hasattr(importlib.import_module("wirelens.clean"), "clean")
    except ImportError:
        return False


@pytest.mark.usefixtures("fake_clean")
def test_several_sources_one_missing_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, str(READERS / "wire-story"), "missing.txt")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert err.splitlines() == [
        "wirelens: warning: missing.txt: no such file or directory",
        "wirelens: warning: 1 input(s) could not be read; 1 article(s) read",
    ]


@pytest.mark.usefixtures("fake_clean")
def test_stdin_dash(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = (READERS / "bulletin.atom").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = _run(capsys, "-")
    assert code == 0
    assert json.loads(out)["source"] == "<stdin>#entry=1"
