"""Component versions that change: the fixtures' predictions are pinned together with COMPONENT.

Every ``tests/fixtures/attribution/*.txt`` goes through the real pipeline (clean, then
analyze_article) and its predictions (kind, offsets, speaker, cue, chain, rule, resolution,
confidence) are hashed. ``predictions_pin.json`` beside this file holds the hash, per spaCy
model, with the ``COMPONENT`` string it was made with. The test fails when the predictions
change while ``COMPONENT`` stays the same: stored analyses made by the old rules would carry
the same component string as new ones, and nobody could tell which need re-analysis.

To update the pin after a change to the rules, the speaker resolver or the confidence table:

1. bump ``COMPONENT`` in ``src/wirelens/attribute/assemble.py`` (``attribute.rules@N+1``) and
   say in its comment what changed;
2. run ``WIRELENS_UPDATE_PIN=1 pytest tests/attribute/test_predictions_pin.py`` and commit
   ``predictions_pin.json``. Updating refuses (fails) when the hash changed but COMPONENT
   did not.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import msgspec
import pytest

from tests.attribute.fixture_spec import FOLDER
from wirelens.model import Document

PIN = Path(__file__).with_name("predictions_pin.json")


def _model() -> str:
    from wirelens.attribute.assemble import component_id

    return component_id("speech").split("/", 2)[2]  # the configured model, with its version


def predictions_hash() -> str:
    """sha256 over every fixture's predictions, in file order, without the component string."""
    from wirelens.attribute import analyze_article
    from wirelens.clean import clean

    digest = hashlib.sha256()
    for path in sorted(FOLDER.glob("*.txt")):
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        document = Document(
            content=path.read_text(encoding="utf-8"),
            kind="text",
            source=f"tests/fixtures/attribution/{path.name}",
            outlet=spec["document"]["outlet"],
        )
        analysis = analyze_article(clean(document))
        records = [msgspec.structs.replace(a, component="") for a in analysis.attributions]
        digest.update(path.name.encode())
        digest.update(msgspec.json.encode(records))
    return digest.hexdigest()


def test_predictions_change_only_with_component() -> None:
    from wirelens.attribute import COMPONENT

    pin = json.loads(PIN.read_text(encoding="utf-8")) if PIN.exists() else {"hashes": {}}
    model, now = _model(), predictions_hash()
    pinned = pin["hashes"].get(model)
    same_component = pin.get("component") == COMPONENT
    if os.environ.get("WIRELENS_UPDATE_PIN"):
        assert not (same_component and pinned and pinned != now), (
            f"predictions changed but COMPONENT is still {COMPONENT}: bump it first"
        )
        hashes = {**pin["hashes"], model: now} if same_component else {model: now}
        PIN.write_text(
            json.dumps({"component": COMPONENT, "hashes": hashes}, indent=1) + "\n",
            encoding="utf-8",
        )
        return
    assert same_component, (
        f"COMPONENT is {COMPONENT}, the pin has {pin.get('component')}: update the pin "
        "(see this test's docstring)"
    )
    if pinned is None:
        pytest.skip(f"no pinned hash for spaCy model {model} (add it: see the docstring)")
    assert now == pinned, (
        f"the fixtures' predictions changed but COMPONENT is still {COMPONENT}: bump it in "
        "attribute/assemble.py, then update the pin (see this test's docstring)"
    )
