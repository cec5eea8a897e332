"""Fleet updates: signed content releases published with python-tuf and installed by `kiosk update`."""
