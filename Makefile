# The newsroom's two everyday commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STORIES ?= 20000
# The suite runs on this many processes (pytest-xdist; a file's tests stay together).
TEST_WORKERS ?= 2

.PHONY: run serve test lint format demo bench search-eval screenshots clean

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
# Without npm the HTML and accessibility checks cannot be installed; they are
# then reported as skipped (and fail under REQUIRE_BROWSER=1, as in CI).
# The suite names its settings so that a DJANGO_SETTINGS_MODULE left in the
# shell cannot slip in.
test: $(VENV)/.installed-dev
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node_modules/.installed; \
	else echo "npm not found: the Nu Html Checker and axe-core tests will be skipped"; fi
	DJANGO_SETTINGS_MODULE=newsroom.settings.test $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

## bench: generate a corpus on PostgreSQL and load-test the site (STORIES=100000 for the large run)
bench: $(VENV)/.installed-dev
	$(PY) -m bench.run --stories $(STORIES)

## search-eval: recall, precision, MRR and false hits of search on the relevance set (docs/search.md);
## the library stemmers compared in memory, then the site's search with DATABASE_URL (PostgreSQL) and on SQLite
search-eval: $(VENV)/.installed-dev
	$(PY) tools/search_eval.py
	@if [ -n "$(DATABASE_URL)" ]; then env -u DATABASE_URL $(PY) tools/search_eval.py --no-stemmers; fi

## lint: ruff, and the import contracts of pyproject.toml (import-linter: the layering holds)
lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.installed-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

## screenshots: the desk's screens, from a throwaway demo newsroom, into docs/screenshots/
screenshots: $(VENV)/.installed-dev
	$(PY) tools/screenshots.py

clean:
	rm -rf $(VENV) .test-media .test-db.sqlite3* .pytest_cache
