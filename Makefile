# Two commands: `make run` sets everything up and serves the app with demo data;
# `make test` runs every check. PYTHON=/path/to/python3.12+ overrides the interpreter.

VENV := .venv
, := ,
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6.1 needs Python 3.12 or newer. Probe candidates by running them: a pyenv shim
# may exist on PATH and still fail.
PYTHON ?= $(shell for c in python3.13 python3.12 python3 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$c; break; }; \
	done)

.PHONY: run test venv dev-venv chromium gettext catalogs migrate demo demo-code lint format \
	check-deploy backup restore clean loadtest faulttest bench wrk serve worker two-servers

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed; set PYTHON=/path/to/python3.12"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.runtime-installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.runtime-installed

dev-venv: $(VENV)/.dev-installed

migrate: venv
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py seed_demo

# The current two-factor code of the demo organizer and facilitator (see README.md).
demo-code: venv
	$(BIN)/python manage.py demo_code

# The French and Arabic catalogs, compiled from locale/*/LC_MESSAGES/django.po (the .mo
# files are not in git). Stops if an entry is empty or fuzzy. Needs no GNU gettext.
catalogs: venv
	$(BIN)/python manage.py compile_catalogs

# Serves the app for local use. DEBUG stays off; whitenoise serves the static files.
run: demo catalogs
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@echo "Serving at http://$(HOST):$(PORT)/ (the demo logins are above)."
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Serves the app as in production: gunicorn (config/gunicorn.conf.py) with the settings of
# the environment (README, "Configuration"), DEBUG off. WORKERS sets the process count.
serve: venv
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	DEBUG=false $(BIN)/gunicorn -c config/gunicorn.conf.py -w $(or $(WORKERS),2) -b $(HOST):$(PORT)

# Sends the emails that app servers queued with TASKS_BACKEND=database (django-tasks-db's
# worker); run one or more beside `make serve`, with the same environment.
worker: venv
	DEBUG=false $(BIN)/python manage.py db_worker

# Two gunicorn servers, one worker, a throwaway PostgreSQL and Redis on 127.0.0.1: shows that
# sign-ins, records, cached pages and queued emails work across servers (scripts/two_servers.py).
two-servers: venv
	$(BIN)/python scripts/two_servers.py

lint: dev-venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: dev-venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The browser tests drive Debian's Chromium (tests/browser/conftest.py; CHROMIUM_PATH
# overrides where). Run as root, this installs it when missing; otherwise it stops and says
# how, before any test runs.
CHROMIUM_PATH ?= /usr/bin/chromium

chromium:
	@if [ ! -x "$(CHROMIUM_PATH)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM_PATH). Install it with:"; \
	    echo "    sudo apt-get install chromium"; \
	    echo "(or set CHROMIUM_PATH to a Chromium that is there), then run make test again."; \
	    exit 1; \
	  fi; \
	fi
	@test -x "$(CHROMIUM_PATH)" || { echo "No Chromium at $(CHROMIUM_PATH) (set CHROMIUM_PATH)"; exit 1; }

# The catalog test (tests/test_catalogs.py) runs makemessages, which needs GNU gettext's
# xgettext: installed when missing if run as root, otherwise named.
gettext:
	@if ! command -v xgettext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's gettext for the catalog test"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else \
	    echo "The catalog test needs GNU gettext. Install it with:"; \
	    echo "    sudo apt-get install gettext"; \
	    exit 1; \
	  fi; \
	fi

test: dev-venv chromium gettext catalogs
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The production settings documented in README.md must pass Django's deployment checks.
check-deploy: venv
	DEBUG=false HTTPS=true SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
	  ALLOWED_HOSTS=dialogues.example.org EMAIL_HOST=smtp.example.org BEHIND_PROXY=true \
	  REDIS_URL=redis://redis.internal:6379/0 TASKS_BACKEND=database \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

# A consistent backup of the database in backups/ (SQLite backup API, or pg_dump).
backup: venv
	$(BIN)/python manage.py backup_db $(if $(BACKUP),--output $(BACKUP))

# Replace the whole database with a backup: make restore BACKUP=backups/<file>
# Stop the app first: the restore refuses while a server serves the database.
restore: venv
	@test -n "$(BACKUP)" || { echo "Name the backup: make restore BACKUP=backups/<file>"; exit 1; }
	$(BIN)/python manage.py restore_db $(BACKUP) --no-input

# 16 clients for 60 s against gunicorn on a fresh database (a temporary SQLite file, or a
# new database on the PostgreSQL server DATABASE_URL names), then checks that every
# acknowledged write is there. LOAD_SECONDS and LOAD_CLIENTS override the defaults.
loadtest: venv
	$(BIN)/python scripts/loadtest.py --seconds $(or $(LOAD_SECONDS),60) --clients $(or $(LOAD_CLIENTS),16)

# The same, killing one worker (SIGKILL) and then the whole server midway, and restarting it.
faulttest: venv
	$(BIN)/python scripts/loadtest.py --fault --seconds $(or $(LOAD_SECONDS),60) --clients $(or $(LOAD_CLIENTS),16)

# Throughput and latency of the main pages (scripts/bench.py): for each database (SQLite,
# and a throwaway PostgreSQL 15 when its server is installed) and size, seeds a fresh
# database (seed_scale), serves it with gunicorn under production settings on 127.0.0.1,
# drives each page with wrk (median of BENCH_ROUNDS rounds of BENCH_SECONDS) and appends the
# tables and the targets met or missed to docs/performance.md. BENCH_SIZES=small or
# BENCH_DATABASES=sqlite narrow it; the full run takes about 40 minutes on 2 cores.
bench: venv wrk
	$(BIN)/python scripts/bench.py --sizes $(or $(BENCH_SIZES),small$(,)large) \
	  --databases $(or $(BENCH_DATABASES),sqlite$(,)postgresql) \
	  --rounds $(or $(BENCH_ROUNDS),3) --seconds $(or $(BENCH_SECONDS),5) \
	  --output docs/performance.md

wrk:
	@if ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's wrk for the benchmark"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "make bench needs wrk: sudo apt-get install wrk"; exit 1; \
	  fi; \
	fi

# How long the non-attribution check takes on 1, 10 and 100 KB of plain and hostile text.
bench-attribution: venv
	$(BIN)/python scripts/bench_attribution.py

clean:
	rm -rf $(VENV) staticfiles
