# One command each, on a fresh machine: `make site` builds the example site, `make test` runs the tests.
# Both create the virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= $(abspath ../shared)

export DOCS_CORPUS ?= $(if $(wildcard $(SHARED)/corpus/github-docs-2021-06),$(SHARED)/corpus/github-docs-2021-06)
export DOCS_GOLDEN ?= $(if $(wildcard $(SHARED)/golden),$(SHARED)/golden)
export LIQUID_GOLDEN ?= $(if $(wildcard $(SHARED)/liquid-golden/golden_liquid.json),$(SHARED)/liquid-golden/golden_liquid.json)

.PHONY: site test lint

$(BIN)/docs-renderer: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

site: $(BIN)/docs-renderer
	$(BIN)/docs-renderer build --root . --out _site

lint: $(BIN)/docs-renderer
	$(BIN)/ruff check renderer tests benchmarks scripts

test: lint
	$(BIN)/pytest -q
	$(BIN)/docs-renderer check --root . -q
