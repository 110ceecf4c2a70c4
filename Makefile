# Two commands do all set-up: `make brief` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BRIEFS := $(wildcard content/*.yaml)

.PHONY: brief test lint fuzz clean

brief: $(VENV)/.installed
	$(BIN)/briefing build $(BRIEFS) --out build

test: $(VENV)/.installed-test
	$(MAKE) lint
	$(BIN)/pytest

# Thousands of random and mutated briefs, PDF included (make test runs a few hundred).
fuzz: $(VENV)/.installed-test
	BRIEFING_FUZZ=1 $(BIN)/pytest -q tests/test_fuzz.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check briefing tests
	$(BIN)/mypy

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Editable install: templates and code in this checkout are used as they are edited.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf build
