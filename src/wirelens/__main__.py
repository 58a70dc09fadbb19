"""``python -m wirelens``: the same as the ``wirelens`` command."""

import sys

from wirelens.cli import main

sys.exit(main())
