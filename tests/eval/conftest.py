"""The fictional extraction fixtures laid out as the real benchmarks are.

The tracked files carry fictional names (``gold.json``, ``gold/lantern-repair.json``) so that
nothing in the repository is named like the real evaluation data in ``../shared/data``; the
benchmark layouts (``ground-truth.json``, ``ground-truth/0001.json``, ``html/0001.html``) are
built here, in a temporary folder, for the tests that read them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

SOURCE = FIXTURES / "eval"


def _aeb(target: Path) -> Path:
    """AEB: ``ground-truth.json`` (id -> page) beside ``html/<id>.html``."""
    shutil.copytree(SOURCE / "aeb-mini" / "html", target / "html")
    shutil.copy(SOURCE / "aeb-mini" / "gold.json", target / "ground-truth.json")
    return target


def _wcxb(target: Path) -> Path:
    """WCXB: ``ground-truth/NNNN.json`` and ``html/NNNN.html``, numbered in name order."""
    (target / "ground-truth").mkdir(parents=True)
    (target / "html").mkdir()
    gold = sorted((SOURCE / "wcxb-mini" / "gold").glob("*.json"))
    for number, path in enumerate(gold, start=1):
        shutil.copy(path, target / "ground-truth" / f"{number:04d}.json")
        page = SOURCE / "wcxb-mini" / "html" / f"{path.stem}.html"
        shutil.copy(page, target / "html" / f"{number:04d}.html")
    return target


@pytest.fixture(scope="session")
def gold_folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``{"aeb-mini": folder, "wcxb-mini": folder}`` in the benchmarks' own layouts."""
    root = tmp_path_factory.mktemp("gold")
    return {"aeb-mini": _aeb(root / "aeb-mini"), "wcxb-mini": _wcxb(root / "wcxb-mini")}
