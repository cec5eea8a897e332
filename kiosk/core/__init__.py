"""Qt-free core: the session, content, rendering, links, settings and looks (never imports Qt)."""
