"""The fictional evaluation fixtures laid out as the real benchmarks are.

The tracked files carry fictional names (``one-gold-file/gold.json``,
``gold-per-page/gold/lantern-repair.json``, ``standoff-mini/ferry-fares.by-aaaa.standoff``) so
that nothing in the repository is named like the real evaluation data in ``../shared/data``; the
benchmark layouts (AEB's ``ground-truth.json``, WCXB's ``ground-truth/0001.json``, PolNeAR's
``text/*.txt`` + ``attributions/*_<annotator>.ann``) are built here, in a temporary folder, for
the tests that read them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

SOURCE = FIXTURES / "eval"


def _aeb(target: Path) -> Path:
    """AEB: ``ground-truth.json`` (id -> page) beside ``html/<id>.html``."""
    shutil.copytree(SOURCE / "one-gold-file" / "pages", target / "html")
    shutil.copy(SOURCE / "one-gold-file" / "gold.json", target / "ground-truth.json")
    return target


def _wcxb(target: Path) -> Path:
    """WCXB: ``ground-truth/NNNN.json`` and ``html/NNNN.html``, numbered in name order."""
    (target / "ground-truth").mkdir(parents=True)
    (target / "html").mkdir()
    gold = sorted((SOURCE / "gold-per-page" / "gold").glob("*.json"))
    for number, path in enumerate(gold, start=1):
        shutil.copy(path, target / "ground-truth" / f"{number:04d}.json")
        page = SOURCE / "gold-per-page" / "pages" / f"{path.stem}.html"
        shutil.copy(page, target / "html" / f"{number:04d}.html")
    return target


@pytest.fixture(scope="session")
def gold_folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``{"aeb-mini": folder, "wcxb-mini": folder}`` in the benchmarks' own layouts."""
    root = tmp_path_factory.mktemp("gold")
    return {"aeb-mini": _aeb(root / "aeb-mini"), "wcxb-mini": _wcxb(root / "wcxb-mini")}


def _polnear(target: Path) -> Path:
    """PolNeAR: ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann``."""
    (target / "text").mkdir(parents=True)
    (target / "attributions").mkdir()
    source = SOURCE / "standoff-mini"
    for path in source.glob("*.txt"):
        shutil.copy(path, target / "text" / path.name)
    for path in source.glob("*.standoff"):
        name, annotator = path.stem.split(".by-")
        shutil.copy(path, target / "attributions" / f"{name}_{annotator}.ann")
    return target


@pytest.fixture(scope="session")
def polnear_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional brat-standoff article in PolNeAR's layout."""
    return _polnear(tmp_path_factory.mktemp("gold") / "polnear-mini")
