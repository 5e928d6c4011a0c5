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

# The test tools from npm (Nu Html Checker, axe-core) and the font packages.
# package.json pins them; vnu-jar's postinstall download is not needed (the jar
# ships in the package), so install scripts are skipped.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

## test: the whole suite (SQLite, or PostgreSQL when DATABASE_URL is set)
# The exported DJANGO_SETTINGS_MODULE (dev, for `make run`) would outrank
# pyproject's test settings, so the suite names its own.
test: $(VENV)/.installed-dev node_modules/.installed
	DJANGO_SETTINGS_MODULE=newsroom.settings.test $(PY) -m pytest

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) .test-media .pytest_cache
