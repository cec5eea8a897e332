"""The thin Qt layer of the kiosk: the main window and its widgets."""
