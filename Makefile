# Two commands do all set-up: `make brief` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BRIEFS := $(wildcard content/*.yaml)

.PHONY: brief test lint fuzz bench clean references messages system

# Make skips the build when no input changed (the second `make brief` costs
# milliseconds); briefing itself then skips each brief whose own inputs did not change.
BRIEF_INPUTS := $(BRIEFS) $(shell find content/sources templates briefing -type f \
	-not -path '*/__pycache__/*' 2>/dev/null)

# Its last line says how to run briefing: it is in .venv, not on the PATH.
brief: build/.made
	@echo "Briefs are in build/. briefing is in .venv, not on your PATH: run .venv/bin/briefing --help, or source .venv/bin/activate first, or pipx install . to have it in every shell."

# Before anything is installed or built, with the system's Python: stop within seconds,
# with the `apt-get install` line, when a system library is missing; note a missing
# recommended one and what it costs. It runs where there is work: when .venv is made,
# else first in a recipe that builds, tests or benchmarks (CHECK); so once a run, and a
# `make brief` with nothing to do runs no Python at all.
DOCTOR := PYTHONPATH=. $(PYTHON) -m briefing.doctor --system
CHECK := $(if $(wildcard $(VENV)/bin/python),@$(DOCTOR))
system:
	@$(DOCTOR)

build/.made: $(VENV)/.installed $(BRIEF_INPUTS)
	$(CHECK)
	@$(BIN)/python -m compileall -q briefing
	$(BIN)/briefing build $(BRIEFS) --out build
	@touch $@

test: $(VENV)/.installed-test
	$(CHECK)
	$(MAKE) lint
	$(BIN)/pytest

# Thousands of random and mutated briefs, PDF included (make test runs a few hundred).
fuzz: $(VENV)/.installed-test
	BRIEFING_FUZZ=1 $(BIN)/pytest -q tests/test_fuzz.py

# Speed and memory against the targets; writes benchmarks/RESULTS.md (takes minutes);
# then how well drafts find the corpus's sources and speakers: benchmarks/DRAFTING.md.
bench: $(VENV)/.installed
	$(CHECK)
	@$(BIN)/python -m compileall -q briefing
	$(BIN)/python benchmarks/run.py --write
	$(BIN)/python benchmarks/drafting.py --write

# Rewrite the reference images of the visual tests (tests/visual/*.png) from the themes as
# they are now, after a change of look that is meant; see tests/visual/README.md.
references: $(VENV)/.installed-test
	$(BIN)/pytest -q tests/test_visual.py --update-references

# The catalogs' template (briefing/locale/briefing.pot) from the templates, and every
# shipped catalog brought up to it; then translate what tests/test_i18n.py says is missing.
messages: $(VENV)/.installed
	$(BIN)/python -m briefing.i18n.extract

lint: $(VENV)/.installed-test
	$(BIN)/ruff check briefing tests benchmarks
	$(BIN)/mypy

$(VENV)/bin/python:
	@$(DOCTOR)
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
