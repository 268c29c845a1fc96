# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Where `make run` serves: `make run HOST=0.0.0.0 PORT=8080`. Only the command line changes them (some
# shells export HOST as the machine's name). Links in e-mails (SITE_URL) follow them unless SITE_URL is set.
HOST := 127.0.0.1
PORT := 8000
# Every interface (0.0.0.0; :: or [::] with IPv6) is no address to visit: links then go to 127.0.0.1.
ANY_HOST := $(filter 0.0.0.0 :: [::],$(HOST))
SITE_URL ?= http://$(if $(ANY_HOST),127.0.0.1,$(HOST)):$(PORT)
# The site answers to a host given by name or address, besides 127.0.0.1 and localhost (unless
# DJANGO_ALLOWED_HOSTS is set): the links printed and e-mailed would otherwise answer 400.
comma := ,
NAMED_HOST := $(filter-out 127.0.0.1 localhost $(ANY_HOST),$(HOST))
DJANGO_ALLOWED_HOSTS ?= $(if $(NAMED_HOST),$(NAMED_HOST)$(comma))127.0.0.1,localhost
# Local development runs with DEBUG on; production sets its own environment (see README).
# The demo accounts may skip the second factor here only (debug; see README).
RUN_ENV := DJANGO_DEBUG=true DEMO_ACCOUNTS_SKIP_SECOND_FACTOR=true SITE_URL='$(SITE_URL)' \
	DJANGO_ALLOWED_HOSTS='$(DJANGO_ALLOWED_HOSTS)'
PG_URL ?= postgres://postgres@127.0.0.1:5432/perhekeskus

.PHONY: run serve-prod test lint test-sqlite test-postgres test-postgres-browser install install-dev browser lock messages bench bench-search bench-load bench-pages check-reference-data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.txt
	$(BIN)/pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(RUN_ENV) $(MANAGE) migrate --no-input
	$(RUN_ENV) $(MANAGE) collectstatic --no-input --verbosity 0
	$(RUN_ENV) $(MANAGE) load_demo
	@# The background worker (the daily freshness review) runs beside the server and stops with it.
	$(RUN_ENV) sh -c '$(MANAGE) run_worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; $(MANAGE) runserver $(if $(filter ::,$(HOST)),[::],$(HOST)):$(PORT)'

# Production mode on this machine: PostgreSQL (PG_URL), Redis (CACHE_URL), gunicorn and the worker as
# two processes, over plain HTTP (a real site has an HTTPS proxy in front; docs/operations.md). The
# environment, with new secrets, is written once to var/production.env and kept.
PROD_ENV := var/production.env
CACHE_URL ?= redis://127.0.0.1:6379/1
serve-prod: install
	$(BIN)/python -m perhekeskus.core.local_production_env $(PROD_ENV) "$(PG_URL)" "$(CACHE_URL)"
	set -a && . ./$(PROD_ENV) && set +a && \
	$(BIN)/python -m perhekeskus.core.wait_for_database --create && \
	$(MANAGE) migrate --no-input && \
	$(MANAGE) collectstatic --no-input --verbosity 0 && \
	$(MANAGE) load_demo && \
	sh -c '$(MANAGE) run_worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; $(BIN)/gunicorn'

# The browser tests drive Debian's Chromium; as root, install it when it is missing.
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Chromium is missing at $(CHROMIUM): install Debian's chromium package (or set CHROMIUM)."; exit 1; \
		fi; \
	fi

# The layers (import-linter, pyproject.toml; docs/decisions/0016-layers.md): an upward import fails.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(RUN_ENV) $(MANAGE) makemigrations --check --dry-run

test-sqlite: install-dev browser
	env -u DATABASE_URL CHROMIUM=$(CHROMIUM) $(BIN)/pytest

# Runs when PostgreSQL was asked for: TEST_POSTGRES=1 (local default URL) or DATABASE_URL.
# An unreachable server fails the run; it is never skipped.
# In two processes at once, the browser tests apart with a test database of their own: the PostgreSQL
# suite is the longer, and so it keeps both cores busy to the end beside the SQLite suite.
BROWSER_TESTS = perhekeskus/web/tests/browser
test-postgres: install-dev browser
	DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" $(BIN)/python -m perhekeskus.core.wait_for_database
	DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" CHROMIUM=$(CHROMIUM) $(BIN)/pytest --ignore=$(BROWSER_TESTS)

test-postgres-browser: install-dev browser
	DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" $(BIN)/python -m perhekeskus.core.wait_for_database
	DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" TEST_DATABASE_NAME=test_perhekeskus_browser \
		CHROMIUM=$(CHROMIUM) $(BIN)/pytest $(BROWSER_TESTS)

# With PostgreSQL asked for, the suites run at once (each its own database and Redis databases; each
# one's output is printed whole when it ends): on two cores CI takes about half of their sum.
test: lint
	@if [ -n "$$TEST_POSTGRES" ] || [ -n "$$DATABASE_URL" ]; then \
		$(MAKE) --no-print-directory -j3 --output-sync=target test-sqlite test-postgres test-postgres-browser; \
	else \
		$(MAKE) --no-print-directory test-sqlite; \
		echo "PostgreSQL suite not requested (set TEST_POSTGRES=1 or DATABASE_URL)."; \
	fi

# The benchmarks: relevance, network generation, index build, database size and search latency,
# on SQLite and PostgreSQL (perhekeskus/demo/bench_search.py). Prints figures; asserts nothing.
bench bench-search: install-dev
	$(RUN_ENV) $(BIN)/python -m perhekeskus.demo.bench_search

# The load test: gunicorn on PostgreSQL with 50,000 services (perhekeskus/demo/bench_load.py); about
# 5 minutes after the first run, which also makes its database (kept). Needs Redis. Prints figures.
bench-load: install-dev
	$(BIN)/python -m perhekeskus.demo.bench_load

# Lighthouse's figures (score, LCP, TBT, CLS) of each public page type on a phone, median of 3 runs
# (perhekeskus/demo/bench_pages.py): gunicorn with debug off on SQLite with the demo network; Lighthouse,
# installed on first use into var/lighthouse (npm, Node 20), in Debian's Chromium. About 7 minutes.
bench-pages: install-dev browser
	CHROME_PATH=$(CHROMIUM) $(BIN)/python -m perhekeskus.demo.bench_pages

# Compare the copied reference data (perhekeskus/reference_data) with the team's reference data folder,
# the one holding taxonomy/ and areas/: make check-reference-data SHARED=folder. Not part of `make test`:
# the repository owns its copies and a clone has nothing beside it.
check-reference-data: install
	$(RUN_ENV) $(MANAGE) check_reference_data "$(SHARED)"

# Re-pin dependencies after editing requirements/*.in.
lock: install-dev
	$(BIN)/pip install --quiet pip-tools
	cd requirements && ../$(BIN)/pip-compile -q --strip-extras --no-header --allow-unsafe \
		--no-emit-index-url --no-emit-find-links base.in -o base.txt
	cd requirements && ../$(BIN)/pip-compile -q --strip-extras --no-header --allow-unsafe \
		--no-emit-index-url --no-emit-find-links dev.in -o dev.txt

# Extract and compile UI translations (the compiled .mo files are committed).
messages: install-dev
	cd perhekeskus && $(RUN_ENV) ../$(MANAGE) makemessages -l fi -l sv -l ru -l uk -l ar -l so -l fa -l et --no-obsolete
	cd perhekeskus && $(RUN_ENV) ../$(MANAGE) compilemessages

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
