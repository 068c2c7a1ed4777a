"""``python -m renderer`` runs the command line."""

import sys

from renderer.cli import main

sys.exit(main())
