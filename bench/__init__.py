"""Benchmarks of the kiosk against a bare-Qt floor (`make bench`, i.e. `python -m bench.run`)."""
