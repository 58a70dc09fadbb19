"""Fixtures for the pipeline tests: a fresh corpus URL on each backend, fictional documents."""

from __future__ import annotations

from wirelens.model import Document

#: Fictional wire items written for these tests.
DOCS = [
    Document(
        content=(
            "Harbour board delays dredging plan\n\n"
            "Harbour board chair Ilse Brandt said on Tuesday that the dredging plan would wait "
            'until spring. "We will not dredge blind," Brandt told reporters.\n'
        ),
        kind="text",
        source="fiction-run-1",
        outlet="Port Gazette",
    ),
    Document(
        content=(
            "Fishers welcome dredging delay\n\n"
            "Fishers' union leader Tomas Reyes said the delay would protect the spawning season, "
            "according to a statement from the union.\n"
        ),
        kind="text",
        source="fiction-run-2",
        outlet="Coast Herald",
    ),
    Document(
        content=(
            "Dredging firm warns of costs\n\n"
            "The dredging firm's director, Ana Lindqvist, said each month of delay would add "
            'costs. "Someone will have to pay for the idle barges," she said.\n'
        ),
        kind="text",
        source="fiction-run-3",
        outlet="Port Gazette",
    ),
]
