# The newsroom's two everyday commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DJANGO_SETTINGS_MODULE ?= newsroom.settings.dev
export DJANGO_SETTINGS_MODULE

.PHONY: run serve test lint format demo bench screenshots clean

$(VENV)/.installed-run: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-run requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## run: install, migrate, load the demo newsroom and serve it on http://127.0.0.1:$(PORT)/
run: demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

demo: $(VENV)/.installed-run
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo

## test: the whole suite (SQLite, or PostgreSQL when DATABASE_URL is set)
test: $(VENV)/.installed-dev
	$(PY) -m pytest

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

## screenshots: the desk's screens, from a throwaway demo newsroom, into docs/screenshots/
screenshots: $(VENV)/.installed-dev
	$(PY) tools/screenshots.py

clean:
	rm -rf $(VENV) .test-media .pytest_cache
