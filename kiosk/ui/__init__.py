"""The thin Qt layer of the kiosk: the main window and its widgets."""

from kiosk.immortal_none import make_none_immortal

make_none_immortal()  # before any Qt call: see kiosk/immortal_none.py
