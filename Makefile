# Two commands on a fresh machine: `make serve` (or `make build`) and `make test`.
# Each has its own virtualenv from hash-locked pins: .venv, what the site needs
# (requirements.txt); .venv-dev, that and the tests, linters and type checker
# (requirements-dev.txt); node_modules from package-lock.json for the
# accessibility checker. `make lock` upgrades the pins (pyproject.toml says
# what is depended on).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV := .venv-dev
DEVPY := $(DEV)/bin/python
PIP_COMPILE := pip-compile --quiet --generate-hashes --no-emit-index-url --no-emit-find-links --strip-extras --upgrade
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates stamped by MkDocs come from the last commit of this
# project (not of a repository it was copied into; none: the document's date).
export SOURCE_DATE_EPOCH ?= $(shell [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$(CURDIR)" ] && git log -1 --format=%ct || echo 1544054400)

.PHONY: build publish archive serve check lint test test-fast bench lighthouse lock

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

$(DEV)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(DEV)
	$(DEVPY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Each command that runs MkDocs checks mkdocs.yml first: MkDocs would stop on a
# value of the wrong type without its place (or, for some, with a traceback).
build: $(VENV)/.installed  ## the static site, in site/ (replaced only when the whole build succeeds)
	$(PY) -m generator check-config
	$(PY) -m mkdocs build --strict

publish: $(VENV)/.installed  ## the site for publishing: refuses to build without SITE_URL
	$(PY) -m generator check-config
	EDITION_PUBLISH=1 $(PY) -m mkdocs build --strict

# --dirty: rebuild only the pages an edit changed (the hook rebuilds them all when
# the theme or the navigation changes); --no-strict: a warning is shown, the
# preview goes on.
archive: build  ## after tagging an edition: keep its offline zip in docs/editions/ (commit it: later editions link it)
	$(PY) -m generator archive

serve: $(VENV)/.installed  ## preview at http://127.0.0.1:8000, reloads on data/ edits
	$(PY) -m generator check-config
	$(PY) -m mkdocs serve --dirty --no-strict

check: $(VENV)/.installed  ## validate data/*.yaml, the fidelity to the French source, mkdocs.yml and the hand-written pages
	$(PY) -m generator check

lint: $(DEV)/.installed  ## ruff (lint, format) and mypy (pyproject.toml: [tool.mypy])
	$(DEVPY) -m ruff check generator tests bench
	$(DEVPY) -m ruff format --check generator tests bench
	$(DEVPY) -m mypy

test: $(DEV)/.installed node_modules/.installed lint  ## the linters and type checker, the data check and the whole test suite, in parallel (tests/conftest.py: a worker more than the cores)
	$(DEVPY) -m generator check
	$(DEVPY) -m pytest -n auto

test-fast: $(DEV)/.installed  ## the inner loop: the tests that neither drive Chromium nor build a site
	$(DEVPY) -m pytest -n auto -m "not browser and not build"

bench: $(DEV)/.installed  ## build times, sizes, serve rebuild at 1x and 10x (prints a table)
	$(DEVPY) bench/run.py --scales 1,10 --runs 3

lighthouse: $(DEV)/.installed  ## Lighthouse 12.2.3 scores (installs it in bench/lighthouse/)
	$(DEVPY) bench/lighthouse.py --runs 3

# Upgrade every pin to the newest versions pyproject.toml allows, with hashes
# (pip-tools in a virtualenv of its own: it is no dependency of the edition).
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.7.0
	.venv-lock/bin/$(PIP_COMPILE) -o requirements.txt pyproject.toml
	.venv-lock/bin/$(PIP_COMPILE) --extra dev -o requirements-dev.txt pyproject.toml
