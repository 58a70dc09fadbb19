# wirelens: two commands to know.
#   make demo   creates .venv, installs wirelens, ingests the sample corpus, prints who said what
#               and the command and URL that serve it as web pages
#   make test   creates .venv with the test extras, runs ruff, mypy --strict and pytest
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db
SHARED ?= ../shared

.PHONY: demo test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[web]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/wirelens read examples/corpus --format table
	$(BIN)/wirelens ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/wirelens speakers --db $(DEMO_DB) --limit 15
	$(BIN)/wirelens quotes --db $(DEMO_DB) --limit 25
	@echo "browse it: $(BIN)/wirelens serve --db $(DEMO_DB)  ->  http://127.0.0.1:8321/"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench examples
	$(BIN)/ruff format --check src tests bench examples

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	WIRELENS_SHARED=$(SHARED) $(BIN)/pytest -q

test: lint typecheck pytest

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.speed --shared $(SHARED)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
