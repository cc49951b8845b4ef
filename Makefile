# Every target sets up .venv on first use (and again when pyproject.toml changes, when it was made
# by another Python, or when it is broken).
VENV ?= .venv
PYTHON ?= python3
PORT ?= 8000
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check quick test lint format bench clean distclean port-free stale-venv

# A .venv made by another Python (say 3.9, then 3.11 installed) or left broken fails every
# command the same way: the rule below makes it again. It is removed in the recipe only (never
# while make reads this file, so never under make -n), and only once $(PYTHON) is good enough.
WANTED := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
HAVE := $(shell $(BIN)/python -c 'import sys, pip; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
STALE := $(if $(and $(wildcard $(VENV)),$(WANTED)),$(filter-out $(HAVE),$(WANTED)))

$(BIN)/.installed: pyproject.toml $(if $(STALE),stale-venv)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || { echo "This project needs Python 3.10 or newer and $(PYTHON) is $(or $(WANTED),not found): install one, then run: make PYTHON=python3.12" >&2; exit 1; }
	$(if $(STALE),@echo "$(VENV) was made by $(if $(HAVE),Python $(HAVE),another Python or is broken) and $(PYTHON) is $(WANTED): making $(VENV) again"; rm -rf $(VENV))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

serve: $(BIN)/.installed port-free  ## serve the site on http://127.0.0.1:$(PORT), reloading on changes
	$(BIN)/python -m hooks.preview --dev-addr 127.0.0.1:$(PORT)

# One line instead of a traceback when another program (often another `make serve`) has the port.
port-free: $(BIN)/.installed
	@$(BIN)/python -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); port = $(PORT); sys.exit(s.connect_ex(("127.0.0.1", port)) == 0 and f"Port {port} is busy (another make serve?): run PORT={port + 1} make serve")'

build: $(BIN)/.installed  ## strict build into site/
	$(BIN)/mkdocs build --strict

check: $(BIN)/.installed  ## entries valid, code lint-clean (CHECK_ARGS="--lang fr" in CI)
	$(BIN)/glossary check $(CHECK_ARGS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

quick: check  ## the inner loop: checks and every test but the browser and site-build ones (~25 s)
	$(BIN)/python -m pytest -q -n 2 -m "not browser and not build"

test: check  ## the whole suite: checks, unit, golden, end-to-end build, browser
	$(BIN)/python -m pytest -n 2

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(BIN)/.installed  ## check and build times with 1,000 generated entries
	$(BIN)/python benchmarks/check_time.py
	$(BIN)/python benchmarks/build_time.py --serve

clean:  ## remove what builds and tests leave (site/, caches); keeps .venv
	rm -rf site .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean  ## clean, and remove .venv too (the next make installs everything again)
	rm -rf $(VENV)
