# Confidant: two commands on a fresh Debian machine with Python 3.11+:
#   make site   build the website and its PDF into site/ (site/downloads/confidant-study-guide.pdf)
#   make test   run the whole test suite
SHELL := /bin/bash
.DEFAULT_GOAL := site

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
# Material for MkDocs prints an end-of-life banner unless this is set.
export NO_MKDOCS_2_WARNING := 1
# Playwright must drive Debian's Chromium, never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: site pdf serve test lint format clean vendor system-deps audit-items bank-report authorities-report bench lighthouse html-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Debian packages the PDF, the browser tests and the JavaScript unit tests (node --test) need; installed only when missing and apt is usable.
system-deps:
	@missing=""; \
	command -v $(CHROMIUM) >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages:$$missing (install them with: sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi

site: $(VENV)/.runtime system-deps
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m tools.pdf --site site
	$(BIN)/python -m tools.offline --site site

# The PDF alone (it needs the print book of a fresh build); prints both build times.
pdf: $(VENV)/.runtime system-deps
	$(BIN)/python -m tools.pdf --site site --build

serve: $(VENV)/.runtime
	# Serve at the root of the dev server, not under the published site's path.
	CONFIDANT_SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --strict

test: $(VENV)/.dev system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m tools.audit_items
	$(BIN)/python -m pytest

# The item audit alone: answer cues, a leave-one-file-out guesser, near-duplicates, vignette shares.
audit-items: $(VENV)/.dev
	$(BIN)/python -m tools.audit_items

# Cited California code sections not yet checked against primary text (start of each January's review).
authorities-report: $(VENV)/.runtime
	$(BIN)/python -m tools.authorities_report

# Items per area, file and topic, families, and how many fresh full exams the bank holds.
bank-report: $(VENV)/.runtime
	$(BIN)/python -m tools.bank_report

# The Nu HTML Checker (vnu.jar, fetched once from npm into .cache/vnu/) over the built site/, each error and
# warning attributed to Confidant, the theme or a plugin; fails on an error of Confidant's own. Needs Java;
# not part of `make test`.
html-check: $(VENV)/.runtime
	$(BIN)/python -m tools.html_check --site site

# Lighthouse mobile performance of home, a chapter, the glossary and the practice exam (needs `make site`
# first, Node and the npm registry; median of three runs a page; measure on an idle machine).
lighthouse: $(VENV)/.runtime system-deps
	$(BIN)/python -m tools.lighthouse --site site

# Every performance figure of the build next to its goal (a few minutes; BENCH_RUNS=7 for more rounds).
bench: $(VENV)/.runtime system-deps
	$(BIN)/python benchmarks/bench.py

lint: $(VENV)/.dev
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pre-commit run --all-files --show-diff-on-failure

# Rewrite every data file in the one canonical YAML style (also a pre-commit hook; `make test` checks it).
format: $(VENV)/.dev
	$(BIN)/python -m tools.format_yaml

# Refresh the vendored mermaid (pinned in package.json) from the npm registry. The build draws
# diagrams with it in Chromium; it is never served to readers.
vendor:
	npm install --no-save --ignore-scripts
	cp node_modules/mermaid/dist/mermaid.min.js node_modules/mermaid/LICENSE vendor/mermaid/
	cp node_modules/iframe-worker/shim/index.js overrides/assets/vendor/iframe-worker/shim.js
	cp node_modules/iframe-worker/LICENSE overrides/assets/vendor/iframe-worker/

clean:
	rm -rf site .pytest_cache .ruff_cache build
