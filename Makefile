# Two commands: `make run` serves the demo site, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PIP := $(BIN)/pip install --disable-pip-version-check --quiet
MANAGE := $(BIN)/python manage.py

.PHONY: run test install install-dev services-start services-stop messages stack stack-stop bench bench-report mutants

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(PIP) -r requirements-dev.txt
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: requirements.txt requirements-dev.txt bench/requirements.txt | $(BIN)/python
	$(PIP) -r requirements-dev.txt -r bench/requirements.txt
	touch $@ $(VENV)/.installed-dev $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-bench: $(VENV)/.installed-bench

# The embedded set-up: SQLite and media under var/, database search, console e-mail.
run: export DEBUG ?= 0
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) load_demo_data
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(BIN)/gunicorn --pythonpath site --bind $(HOST):$(PORT) --workers 2 --timeout 30 --access-logfile - \
		marketplace.wsgi:application

test: export DJANGO_SETTINGS_MODULE = marketplace.settings.test
test: install-dev
	mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	BIN=$(BIN) bash scripts/test.sh

# The production-shaped stack on this machine (nginx, Varnish, two app instances, worker,
# PostgreSQL with pgBackRest, Redis, three Elasticsearch nodes): https://127.0.0.1:8443/
stack: install
	BIN=$(CURDIR)/$(BIN) bash scripts/stack.sh start
stack-stop:
	bash scripts/stack.sh stop

# The benchmarks that fit in about an hour, then bench/README.md rewritten.
bench: install-bench
	BIN=$(BIN) bash scripts/bench.sh
bench-report: install-bench
	$(BIN)/python bench/report.py

# One-line bugs of the core rules (mutants/mutations.toml), each with its area's tests.
mutants: export DJANGO_SETTINGS_MODULE = marketplace.settings.test
mutants: install-dev
	$(BIN)/python scripts/mutants.py

services-start:
	@bash scripts/services.sh start
services-stop:
	@bash scripts/services.sh stop

# Refresh the Vietnamese catalogue after changing user-facing strings.
messages: install
	$(MANAGE) makemessages --locale vi --ignore '.venv/*' --ignore 'var/*'
	$(MANAGE) compilemessages --ignore '.venv/*'
