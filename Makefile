# Everything runs from a virtual environment this Makefile makes (.venv), with pinned versions.
# `make run` starts the kiosk demo; `make test` runs the tests.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
            command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
            && { command -v $$p; break; }; done)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: deb deb-check windows-installer-check soak run kiosk test lint screenshots selftest check clean help package package-sizes bench speech-check

help:
	@echo "make run          start the kiosk in a window on the bundled content (laptop demo)"
	@echo "make kiosk        start it full screen, as in the waiting room"
	@echo "make test         run the tests (offscreen; no display needed)"
	@echo "make lint         ruff, mypy (strict on the Qt-free code), shellcheck, workflow schema"
	@echo "make screenshots  save home and section screens to screenshots/"
	@echo "make selftest     open every page of every language and report"
	@echo "make check        check the patient pages (links, dates, sources, reading level ...)"
	@echo "make soak         10,000 random taps, drags, keys and idle periods on the real window"
	@echo "make package      build the frozen app into dist/ (PyInstaller) and an archive beside it"
	@echo "make package-sizes  build the naive baseline too and print the size table"
	@echo "make deb          the Debian package from the frozen app (dist/*.deb); deb-check installs,"
	@echo "                  self-tests and removes it (root)"
	@echo "make windows-installer-check  the Inno Setup installer compiled and run under wine"
	@echo "make bench        measure start-up, taps, memory, idle CPU, rendering (docs/performance.md)"
	@echo "make speech-check read an English and a Spanish page aloud into a null sink and measure it"

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "error: Python 3.11 or newer is needed (python3.11, python3.12 ...)." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@$(BIN)/python -m kiosk.system_check || true
	@touch $(STAMP)

BUILD_STAMP := $(VENV)/.installed-build

$(BUILD_STAMP): $(STAMP) requirements-build.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-build.txt
	@touch $(BUILD_STAMP)

package: $(BUILD_STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --workpath build/pyinstaller build.spec
	$(BIN)/python packaging/make_archive.py

deb: package
	$(BIN)/python packaging/linux/make_deb.py $(DEB_FLAGS)

deb-check: deb
	bash packaging/linux/deb_check.sh

windows-installer-check: package
	bash packaging/windows/installer_check.sh

package-sizes: $(BUILD_STAMP)
	$(BIN)/python packaging/measure_sizes.py

run: $(STAMP)
	$(BIN)/kiosk --windowed

kiosk: $(STAMP)
	$(BIN)/kiosk

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kiosk tests packaging bench tools
	$(BIN)/mypy
	$(BIN)/python packaging/lint_scripts.py

bench: $(STAMP)
	$(BIN)/python -m bench.run

check: $(STAMP)
	$(BIN)/kiosk check
soak: $(STAMP)
	$(BIN)/python tools/soak.py --events 10000

speech-check: $(STAMP)
	$(BIN)/python tools/speech_check.py

selftest: $(STAMP)
	$(BIN)/kiosk --self-test

screenshots: $(STAMP)
	@mkdir -p screenshots
	$(BIN)/kiosk --screenshot screenshots/home-1920x1080.png --size 1920x1080
	$(BIN)/kiosk --screenshot screenshots/home-1366x768.png --size 1366x768
	for o in start still-there pin-pad; do \
	  $(BIN)/kiosk --screenshot screenshots/$$o-1366x768.png --size 1366x768 --overlay $$o; done

clean:
	rm -rf $(VENV) build dist .pytest_cache screenshots
