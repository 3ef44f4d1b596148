# Warning Signs: the two commands are `make start` and `make test` (see README.md).
# Variables: PYTHON (3.10+), HOST, PORT, NO_BROWSER=1, WORKSPACE, PYTEST_ARGS, TEST_WORKERS;
# for `make workshop` (as root): ROSTER, INSTRUCTOR, HUB_HOST, HUB_PORT.
PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8888
NO_BROWSER ?=
WORKSPACE ?= workspace
PYTEST_ARGS ?=
TEST_WORKERS ?= 3
ROSTER ?= students.csv
INSTRUCTOR ?= instructor
HUB_HOST ?= 127.0.0.1
HUB_PORT ?= 8000
BIN := $(VENV)/bin
# Byte-code for the course's own modules (an editable install), written ahead: where Python
# may not write it (PYTHONDONTWRITEBYTECODE is set on some machines and CI), every kernel
# would otherwise compile the whole package again. Quick when nothing changed. (The hub's
# environment is a pip install, which compiles.) A folder that cannot be written only
# costs that speed, so it never stops the command.
BYTECODE = @$(BIN)/python -m compileall -q src >/dev/null 2>&1 || true

.PHONY: start test lint bench validate workshop workshop-stop browser bubblewrap check-python clean

## start: install into .venv (first time), prepare your workspace, open JupyterLab
start: $(VENV)/.installed
	$(BYTECODE)
	@$(BIN)/warning-signs start --workspace "$(WORKSPACE)" --host $(HOST) --port $(PORT) $(if $(NO_BROWSER),--no-browser,)

## test: install what the tests need (and Debian's chromium, as root), then run every test:
## lint and the fast tests first, so a mistake fails in seconds; then kernels, nbgrader and the browser,
## on TEST_WORKERS parallel workers (a module stays on one worker: see tests/conftest.py).
## (pytest exits 5 when PYTEST_ARGS leaves nothing to run in one of the two rounds: that is not a failure.)
test: $(VENV)/.test-installed browser
	@$(MAKE) --no-print-directory lint
	$(BYTECODE)
	$(BIN)/python -m pytest -m "not slow and not browser" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/python -m pytest -m "slow or browser" -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder --durations=15 $(PYTEST_ARGS) || [ $$? -eq 5 ]

## lint: ruff (lint over src, tests and benchmarks; format check over src) and mypy over src
lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src
	$(BIN)/mypy

## bench: speed figures (not part of `make test`); writes benchmarks/results/
bench: $(VENV)/.test-installed
	$(BYTECODE)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

## workshop: as root on Debian/Ubuntu, a JupyterHub for the learners in ROSTER (safe to re-run)
workshop: $(VENV)/.installed bubblewrap
	$(BIN)/warning-signs hub --roster "$(ROSTER)" --instructor $(INSTRUCTOR) --host $(HUB_HOST) --port $(HUB_PORT)

## workshop-stop: stop the workshop hub and the learners' servers
workshop-stop: $(VENV)/.installed
	$(BIN)/warning-signs hub stop

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
