# Concordat — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 || ls -d /root/.pyenv/versions/3.12*/bin/python3 2>/dev/null | head -n1 || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := chromium poppler-utils tesseract-ocr tesseract-ocr-eng libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 openjdk-17-jre-headless nodejs
PYTEST_ARGS ?=
# The Nu HTML Checker (vnu), from the npm registry into a project-local folder; the public pages are checked with it.
VNU_VERSION := 26.9.27
VNU_JAR := var/node/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: help run demo test test-fast lint typecheck bench system-deps vnu clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip 2>/dev/null || true
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

run: $(VENV)/.installed ## Create the environment, set up an SQLite demo database and serve it on http://127.0.0.1:8000
	DEBUG=true $(VENV)/bin/concordat demo

demo: $(VENV)/.installed ## Set up the demo database without serving
	$(VENV)/bin/concordat demo --no-serve

system-deps: ## Install the Debian packages the tests need (Chromium, LibreOffice, poppler), when missing
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null \
	    || { echo "Could not install$$missing: run 'apt-get install$$missing' as root."; exit 1; }; \
	fi

vnu: $(VNU_JAR) ## Install the Nu HTML Checker (npm package vnu-jar) into var/node

$(VNU_JAR): | system-deps
	npm install --silent --no-audit --no-fund --ignore-scripts --prefix var/node vnu-jar@$(VNU_VERSION)

test: $(VENV)/.installed system-deps $(VNU_JAR) ## Install what the tests need and run them all
	CONCORDAT_FAST_HASHER=1 $(PY) -m pytest -n 2 --dist loadfile -q $(PYTEST_ARGS)

test-fast: $(VENV)/.installed ## Run the tests without the browser
	CONCORDAT_FAST_HASHER=1 $(PY) -m pytest -n 2 --dist loadfile -q -m "not browser" $(PYTEST_ARGS)

lint: $(VENV)/.installed ## ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed ## mypy with django-stubs
	$(VENV)/bin/mypy concordat tests

bench: $(VENV)/.installed ## Print the benchmark figures (import, report, register)
	$(VENV)/bin/concordat bench all

clean: ## Remove the environment and local data
	rm -rf $(VENV) var/concordat.sqlite3* var/files var/static
