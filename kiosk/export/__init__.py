"""`kiosk export-site`: the kiosk's pages as a static website for phones (Qt-free)."""
