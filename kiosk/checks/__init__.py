"""The `kiosk check` content checker, apart from the runtime content pipeline (Qt-free)."""
