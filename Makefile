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
	@$(BIN)/warning-signs start --workspace "$(WORKSPACE)" --host $(HOST) --port $(PORT) $(if $(NO_BROWSER),--no-browser,)

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
	@$(BIN)/python tools/pip_progress.py $(VENV)/install.log "the course, JupyterLab and nbgrader" "2 minutes" -- -e .
	@touch $@

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	@$(BIN)/python tools/pip_progress.py $(VENV)/install-test.log "what the tests need" "1 minute" -- -e ".[test]"
	@touch $@

# debian_package PROGRAM,PACKAGE,WHY,IF-MISSING: install PACKAGE with apt-get when
# PROGRAM is missing and we are root on Debian; otherwise say what happens without it.
define debian_package
	@if command -v $(1) >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's $(2), $(3) ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	else \
	  echo "$(4): $(1) is missing (as root on Debian, 'make test' installs $(2))."; \
	fi
endef

browser: bubblewrap
	$(call debian_package,/usr/bin/chromium,chromium,for the browser tests,Browser tests will be skipped)

bubblewrap:
	$(call debian_package,bwrap,bubblewrap,the sandbox for autograding,Sandbox tests will be skipped and autograde runs UNSANDBOXED)

clean:
	rm -rf $(VENV) test-artifacts benchmarks/results
