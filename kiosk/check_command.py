"""Old home of `kiosk check`, kept until kiosk/cli.py imports kiosk.checks.command."""

from kiosk.checks.command import main as main
