# Smart Village — the two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/smartvillage

.PHONY: demo install messages test lint types test-fast test-postgres test-browser browser-deps clean lock audit \
	test-redis test-fuzz

# Dependencies come from requirements.lock (every package pinned, with its hashes), so that every
# machine and CI install the same thing; the project itself is installed on top, without deps.
$(BIN)/.installed: pyproject.toml requirements.lock
	@command -v msgfmt >/dev/null || { echo "gettext is missing: apt-get install gettext"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	@# Normally installs nothing more; a dependency missing from the lock is still installed (the
	@# suite's tests/project/test_lock_file.py then says to run `make lock`).
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

# Refresh the lock after changing a dependency in pyproject.toml (keeps the other pins; to
# upgrade one package: make lock LOCK_ARGS="--upgrade-package django"). Commit the result.
lock:
	@test -x $(BIN)/uv || $(MAKE) install
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python $(BIN)/python \
		--quiet --custom-compile-command "make lock" -o requirements.lock $(LOCK_ARGS)

# Known vulnerabilities of the locked versions (PyPI's advisory feed); --strict: a package that
# cannot be checked fails the audit. Fix: make lock LOCK_ARGS="--upgrade-package NAME".
audit: install
	$(BIN)/pip-audit --strict --disable-pip --progress-spinner off -r requirements.lock

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
