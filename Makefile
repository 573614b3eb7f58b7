# Everyday commands. `make run` serves the site locally, `make test` runs the suite;
# `make help` lists the rest. Needs python3 (3.11+) and make, nothing else.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
LOCK := requirements-dev.txt
# Written after a successful install: dependencies are reinstalled only when the lock
# file is newer, so a second `make run` starts in seconds.
INSTALLED := $(VENV)/.installed
# Test processes (pytest-xdist): one per core; `make test WORKERS=0` runs in one process,
# as a debugger needs. Extra arguments: `make test PYTEST_ARGS="-k setup_site -x"`.
WORKERS ?= auto
PYTEST_ARGS ?=
# Extra pip-compile arguments, e.g. `make lock LOCK_ARGS=--upgrade`.
LOCK_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv run test test-postgres test-browser test-dos screenshots lint format check lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed: $(PYTHON) is $$($(PYTHON) --version)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The lock file, every package checked against its hash, installed by uv (from PyPI into
# the environment, seconds where pip takes more than a minute) or, if uv cannot be
# installed, by pip. The same path for `make run`, `make test` and CI.
$(INSTALLED): $(LOCK) | $(BIN)/python
	@if $(BIN)/python -m pip install --quiet --disable-pip-version-check 'uv>=0.5'; then \
		echo "Installing $(LOCK) with uv"; \
		$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r $(LOCK); \
	else \
		echo "uv could not be installed; installing $(LOCK) with pip"; \
		$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK); \
	fi
	touch $@

venv: $(INSTALLED) ## Create .venv and install the locked dependencies

# DEBUG is on for this local server only: it allows the development SECRET_KEY and
# lets setup_site create the local admin account.
# `make run PORT=8001` when 8000 is taken.
PORT ?= 8000
run: export DEBUG = true
run: $(INSTALLED) ## Serve the site at http://127.0.0.1:8000, or PORT= (first run: data, admin account)
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_site --port $(PORT)
	@# Beside the server, the mail worker prints the queued e-mails (registration) here.
	$(MANAGE) send_mail_worker & trap 'kill $$!' EXIT INT TERM; \
		$(MANAGE) runserver 127.0.0.1:$(PORT)

# The everyday suite, minutes on two cores: everything but the browser tests, which have
# their own target, as the resilience and load tests do. CI runs all four (.ci/run).
test: $(INSTALLED) ## Run the test suite, browser tests aside (SQLite, or DATABASE_URL's database)
	$(BIN)/pytest -n $(WORKERS) -m "not browser" $(PYTEST_ARGS)

test-postgres: $(INSTALLED) ## Run the suite against a throwaway PostgreSQL 15 server
	.ci/with-postgres $(MAKE) test

CHROMIUM ?= /usr/bin/chromium
test-browser: $(INSTALLED) ## Run the browser tests (Chromium: apt-get install chromium)
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) is missing: apt-get install chromium"; exit 1; }
	$(BIN)/pytest -n $(WORKERS) -m browser $(PYTEST_ARGS)

# What one request can make the site do (Markdown, sitemap, search, pagination), counted at
# the benchmark's large size; slow to set up, so not in `make test` (docs/security.md).
test-dos: $(INSTALLED) ## Run the denial-of-service suite (counted work at the large size)
	$(BIN)/pytest -n $(WORKERS) -m dos tests/dos $(PYTEST_ARGS)

screenshots: $(INSTALLED) ## Refresh the reference screenshots in docs/screenshots/
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) is missing: apt-get install chromium"; exit 1; }
	SCREENSHOT_DIR=docs/screenshots $(BIN)/pytest -p no:xdist -m browser -k screenshot $(PYTEST_ARGS)

# Backups, and the tests that need real servers (gunicorn, PostgreSQL, Redis, wrk;
# .ci/ensure-packages installs what is missing). Neither test runs in `make test`.
.PHONY: backup restore test-resilience loadtest
backup: $(INSTALLED) ## Back up the database and uploads to backups/backup-<time>.tar.gz
	$(MANAGE) backup $(BACKUP_ARGS)

restore: $(INSTALLED) ## Restore FILE=backups/….tar.gz into an empty database (RESTORE_ARGS=--force)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/backup-….tar.gz"; exit 2; }
	$(MANAGE) migrate --noinput
	$(MANAGE) restore "$(FILE)" $(RESTORE_ARGS)

test-resilience: $(INSTALLED) ## Database outage and two app servers, through gunicorn
	.ci/ensure-packages
	$(BIN)/pytest -p no:xdist -m resilience tests/resilience $(PYTEST_ARGS)

loadtest: $(INSTALLED) ## 60 s of 50 clients plus admin edits every second (wrk); see docs/benchmarks.md
	.ci/ensure-packages
	$(BIN)/pytest -p no:xdist -m loadtest tests/resilience -s $(PYTEST_ARGS)

# What the series timeline costs a page with 200 workshops (docs/benchmarks.md).
# A script, not a test: a timing means something on a quiet machine, not in CI.
.PHONY: bench-timeline
bench-timeline: $(INSTALLED) ## Time the series timeline: 200 workshops over 10 years
	$(BIN)/python benchmarks/timeline.py

# The public pages against the static-file limit: gunicorn, PostgreSQL and wrk (the
# packages .ci/ensure-packages installs), seed and large data, cold and cached, app servers
# compared, the slowest page profiled; tables into docs/benchmarks.md. About ten minutes on
# two cores (BENCH_* variables tune it: benchmarks/run.py). Not part of `make test` or CI;
# `make bench-smoke` checks in a few minutes that it runs (tiny data, 1-second figures).
.PHONY: bench bench-smoke
bench: $(INSTALLED) ## Pages vs. the same bytes as a static file, seed and large data (~10 min)
	.ci/ensure-packages
	$(BIN)/python benchmarks/run.py

bench-smoke: $(INSTALLED) ## The benchmark end to end on tiny data, docs untouched (a few minutes)
	.ci/ensure-packages
	BENCH_SMOKE=1 $(BIN)/python benchmarks/run.py

# Lighthouse on the home page, a summary report, the schedule and a workshop page
# (benchmarks/lighthouse.py). The npm package is installed into tools/lighthouse with
# --ignore-scripts (it drives Debian's Chromium, nothing is downloaded at run time).
LIGHTHOUSE_BIN := tools/lighthouse/node_modules/.bin/lighthouse
.PHONY: lighthouse
$(LIGHTHOUSE_BIN): tools/lighthouse/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install npm"; exit 1; }
	npm install --ignore-scripts --no-audit --no-fund --prefix tools/lighthouse
	touch $@

lighthouse: $(INSTALLED) $(LIGHTHOUSE_BIN) ## Lighthouse scores of four pages into docs/benchmarks.md; fails below 100
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) is missing: apt-get install chromium"; exit 1; }
	CHROME_PATH=$(CHROMIUM) $(BIN)/python benchmarks/lighthouse.py

lint: $(INSTALLED) ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED) ## Fix what ruff can and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(INSTALLED) ## Migrations match the models; Django's checks, also for production
	DEBUG=true $(MANAGE) makemigrations --check --dry-run
	DEBUG=true $(MANAGE) check
	DEBUG=false ALLOWED_HOSTS=example.org \
		SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
		$(MANAGE) check --deploy --fail-level WARNING

# The interface in the six UN languages. The compiled .mo files are committed, so
# installing needs no gettext tools; changing a marked string does (apt-get install gettext).
LOCALES := ar zh_Hans en fr ru es
.PHONY: messages
messages: export DEBUG = true
messages: $(INSTALLED) ## Update locale/*/django.po from the marked strings, compile the .mo files
	$(MANAGE) makemessages $(addprefix --locale=,$(LOCALES)) --add-location=file \
		--ignore='.venv/*' --ignore='staticfiles/*' --ignore='tests/*' --ignore='test-artifacts/*'
	@# English is the source language: its catalogue says each string as written. A fuzzy
	@# guess (makemessages matching "Content" to an old "Context") is emptied first, or
	@# msgen would keep it.
	msgattrib --clear-fuzzy --empty locale/en/LC_MESSAGES/django.po | msgen -o locale/en/LC_MESSAGES/django.po -
	$(MANAGE) compilemessages $(addprefix --locale=,$(LOCALES)) --ignore='.venv/*'

lock: | $(BIN)/python ## Regenerate requirements*.txt from pyproject.toml
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --no-emit-index-url \
		--no-emit-find-links $(LOCK_ARGS) -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --no-emit-index-url \
		--no-emit-find-links $(LOCK_ARGS) --extra dev -o requirements-dev.txt pyproject.toml

clean: ## Remove .venv, collected static files and caches (keeps db.sqlite3 and media/)
	rm -rf $(VENV) staticfiles .ruff_cache .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
