"""Qt-free core: content, rendering, links, configuration and checks (never imports Qt)."""
