"""Lets `python -m kiosk` work exactly like the `kiosk` command."""

import sys

from kiosk.cli import main

sys.exit(main())
