# Every target sets up .venv on first use (and again when pyproject.toml changes).
VENV ?= .venv
PYTHON ?= python3
PORT ?= 8000
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test lint format bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

serve: $(BIN)/.installed  ## serve the site on http://127.0.0.1:$(PORT), reloading on changes
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(BIN)/.installed  ## strict build into site/
	$(BIN)/mkdocs build --strict

check: $(BIN)/.installed  ## entries valid, code lint-clean
	$(BIN)/glossary check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: check  ## the whole suite: checks, unit, golden, end-to-end build, browser
	$(BIN)/python -m pytest

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(BIN)/.installed  ## build time with 1,000 generated entries
	$(BIN)/python benchmarks/build_time.py

clean:
	rm -rf site .pytest_cache .ruff_cache
