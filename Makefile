# Two commands on a fresh machine: `make serve` (or `make build`) and `make test`.
# Each creates .venv from the exact pins in requirements.txt (and node_modules
# from package-lock.json for the accessibility checker).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates stamped by MkDocs come from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1544054400)

.PHONY: build publish serve check lint test bench lighthouse

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

build: $(VENV)/.installed  ## the static site, in site/ (replaced only when the whole build succeeds)
	$(PY) -m mkdocs build --strict

publish: $(VENV)/.installed  ## the site for publishing: refuses to build without SITE_URL
	EDITION_PUBLISH=1 $(PY) -m mkdocs build --strict

# --dirty: rebuild only the pages an edit changed (the hook rebuilds them all when
# the theme or the navigation changes); --no-strict: a warning is shown, the
# preview goes on.
serve: $(VENV)/.installed  ## preview at http://127.0.0.1:8000, reloads on data/ edits
	$(PY) -m mkdocs serve --dirty --no-strict

check: $(VENV)/.installed  ## validate data/*.yaml, the fidelity to the French source, mkdocs.yml and the hand-written pages
	$(PY) -m generator check

lint: $(VENV)/.installed
	$(PY) -m ruff check generator tests bench
	$(PY) -m ruff format --check generator tests bench

test: $(VENV)/.installed node_modules/.installed lint check  ## the whole test suite, in parallel (tests/conftest.py: a worker more than the cores)
	$(PY) -m pytest -n auto

bench: $(VENV)/.installed  ## build times, sizes, serve rebuild at 1x and 10x (prints a table)
	$(PY) bench/run.py --scales 1,10 --runs 3

lighthouse: $(VENV)/.installed  ## Lighthouse 12.2.3 scores (installs it in bench/lighthouse/)
	$(PY) bench/lighthouse.py --runs 3
