"""``python -m wirelens``: the same as the ``wirelens`` command."""

import sys

from wirelens.cli import main

if __name__ == "__main__":  # not when a spawned worker (linking's signing pool) imports it
    sys.exit(main())
