# Warning Signs: the two commands are `make start` and `make test` (see README.md).
# Variables: PYTHON (3.10+), HOST, PORT, NO_BROWSER=1, WORKSPACE, PYTEST_ARGS.
PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8888
NO_BROWSER ?=
WORKSPACE ?= workspace
PYTEST_ARGS ?=
BIN := $(VENV)/bin

.PHONY: start test bench validate browser bubblewrap check-python clean

## start: install into .venv (first time), prepare your workspace, open JupyterLab
start: $(VENV)/.installed
	$(BIN)/warning-signs start --workspace "$(WORKSPACE)" --host $(HOST) --port $(PORT) $(if $(NO_BROWSER),--no-browser,)

## test: install what the tests need (and Debian's chromium, as root) and run every test
test: $(VENV)/.test-installed browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## bench: speed figures (not part of `make test`); writes benchmarks/results/
bench: $(VENV)/.test-installed
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

## validate: check every table in datasets/ against datasets/datapackage.json
validate: $(VENV)/.installed
	$(BIN)/warning-signs validate

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null || { \
	  echo "Warning Signs needs Python 3.10 or newer, but '$(PYTHON)' is: $$($(PYTHON) --version 2>&1 || echo 'not found')."; \
	  echo "Install Python 3.10+ and run again, naming it if needed: make start PYTHON=python3.12"; exit 1; }

$(VENV)/.installed: pyproject.toml | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $@

browser: bubblewrap
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the browser tests ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "Browser tests will be skipped: /usr/bin/chromium is missing (as root on Debian, 'make test' installs it)."; \
	fi

# bubblewrap: the sandbox learners' code runs in during autograde (installed as root on Debian).
bubblewrap:
	@if command -v bwrap >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's bubblewrap, the sandbox for autograding ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null; \
	else \
	  echo "Sandbox tests will be skipped and autograde runs UNSANDBOXED: bwrap is missing (as root on Debian, 'make test' installs bubblewrap)."; \
	fi

clean:
	rm -rf $(VENV) test-artifacts benchmarks/results
