# Smart Village — the two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/smartvillage

.PHONY: demo install messages test lint types test-fast test-postgres test-browser browser-deps clean \
	test-redis test-fuzz

$(BIN)/.installed: pyproject.toml
	@command -v msgfmt >/dev/null || { echo "gettext is missing: apt-get install gettext"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

messages: install
	$(MANAGE) compilemessages -v 0 --ignore=.venv

demo: install messages
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo
	@echo ""
	@echo "  Smart Village is served at http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/lint-imports

types: install
	$(BIN)/mypy src

test: install lint types messages
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -m "not browser and not redis and not fuzz" -q

test-fast: install
	$(BIN)/pytest -m "not browser and not redis and not fuzz" -q -x

test-postgres: install messages
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not browser and not redis and not fuzz" -q

# The task queue for real: Celery worker + Redis broker (TEST_REDIS_URL), on SQLite and PostgreSQL.
TEST_REDIS_URL ?= redis://127.0.0.1:6379/7
test-redis: install
	TEST_REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -m redis -q
	TEST_REDIS_URL=$(TEST_REDIS_URL) DATABASE_URL=$(PG_URL) $(BIN)/pytest -m redis -q

# schemathesis over /api/v1/openapi.json as a resident and an operator (FUZZ_EXAMPLES per operation).
FUZZ_EXAMPLES ?= 30
test-fuzz: install messages
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -m fuzz -q tests/fuzz

# Playwright drives Debian's Chromium (its own browser download cannot be used here); the
# driver package comes along for tools that speak WebDriver.
browser-deps:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

test-browser: install messages browser-deps
	$(BIN)/pytest -m browser -q tests/browser

clean:
	rm -rf $(VENV) var
