# Two commands do all set-up: `make brief` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BRIEFS := $(wildcard content/*.yaml)

.PHONY: brief test lint fuzz bench clean references

# Make skips the build when no input changed (the second `make brief` costs
# milliseconds); briefing itself then skips each brief whose own inputs did not change.
BRIEF_INPUTS := $(BRIEFS) $(shell find content/sources templates briefing -type f \
	-not -path '*/__pycache__/*' 2>/dev/null)

brief: build/.made

build/.made: $(VENV)/.installed $(BRIEF_INPUTS)
	@$(BIN)/python -m compileall -q briefing
	$(BIN)/briefing build $(BRIEFS) --out build
	@touch $@

test: $(VENV)/.installed-test
	$(MAKE) lint
	$(BIN)/pytest

# Thousands of random and mutated briefs, PDF included (make test runs a few hundred).
fuzz: $(VENV)/.installed-test
	BRIEFING_FUZZ=1 $(BIN)/pytest -q tests/test_fuzz.py

# Speed and memory against the targets; writes benchmarks/RESULTS.md (takes minutes).
bench: $(VENV)/.installed
	@$(BIN)/python -m compileall -q briefing
	$(BIN)/python benchmarks/run.py --write

# Rewrite the reference images of the visual tests (tests/visual/*.png) from the themes as
# they are now, after a change of look that is meant; see tests/visual/README.md.
references: $(VENV)/.installed-test
	$(BIN)/pytest -q tests/test_visual.py --update-references

lint: $(VENV)/.installed-test
	$(BIN)/ruff check briefing tests benchmarks
	$(BIN)/mypy

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Editable install: templates and code in this checkout are used as they are edited.
# compileall: an editable install leaves the package uncompiled, and where
# PYTHONDONTWRITEBYTECODE is set every run would compile it again (`brief` and `bench`
# compile what was edited since).
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	$(BIN)/python -m compileall -q briefing
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m compileall -q briefing
	touch $@ $(VENV)/.installed

clean:
	rm -rf build
