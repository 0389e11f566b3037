# Two commands matter: `make run` (set up and serve the demo) and `make test` (set up and test).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py

PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/0

.PHONY: messages run serve setup test test-pg test-e2e e2e-deps lint format bench migrate demo check clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamps re-install only when a requirements file changes.
$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

var:
	mkdir -p var

setup: $(VENV)/.runtime-installed var
	$(MANAGE) migrate --noinput
	$(MANAGE) move_private_files
	$(MANAGE) load_demo

run: setup
	@echo ""
	@echo "  Situs publik : http://127.0.0.1:8000/"
	@echo "  Admin Wagtail: http://127.0.0.1:8000/admin/  (admin / demo-lampung-2026, hanya demo)"
	@echo "  API v2       : http://127.0.0.1:8000/api/v2/pages/"
	@echo "  Tekan Ctrl-C untuk menghentikan server web dan worker."
	@echo ""
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho -f Procfile.dev start

test: $(VENV)/.dev-installed var
	$(BIN)/pytest

test-pg: $(VENV)/.dev-installed var
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/pytest

e2e-deps:
	@bash .ci/install-browser

test-e2e: $(VENV)/.dev-installed var e2e-deps
	$(BIN)/pytest tests/e2e -p no:cacheprovider

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(VENV)/.dev-installed
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

bench: $(VENV)/.dev-installed var
	@shopt -s nullglob; benches=(benchmarks/[a-z]*.py); \
	if [ $${#benches[@]} -eq 0 ]; then echo "Belum ada benchmark di benchmarks/."; fi; \
	for b in "$${benches[@]}"; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) var static_collected artifacts .pytest_cache .ruff_cache

messages:
	msgfmt --check -o locale/id/LC_MESSAGES/django.mo locale/id/LC_MESSAGES/django.po
