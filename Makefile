# Every target sets up the environment first, from the committed uv.lock.
# A fresh machine needs only git, make and python3 (>= 3.11).

PYTHON      ?= python3
UV_VERSION  := 0.13.8
UV          := .cache/uv/bin/uv
VENV        := .venv
BIN         := $(VENV)/bin

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# The dependencies compiled to bytecode as they are installed. Where Python may
# not write .pyc files (PYTHONDONTWRITEBYTECODE, set in many containers and
# on the machine this was measured on), every process otherwise compiles
# NumPy, Matplotlib, MkDocs, nbconvert... from source: importing the build's
# stack took 6 s of CPU, not 2, and `make test` 185 s, not 137. It costs
# one compile per install (27 s for a new .venv on 2 cores).
export UV_COMPILE_BYTECODE := 1
# Our own modules too, into __pycache__/ (which git ignores): without their
# .pyc, pytest rewrote and compiled every test module on every run, 9.7-10.0 s
# of collection, against 6.9-8.4 s with them (a second run, alternating).
unexport PYTHONDONTWRITEBYTECODE
export NO_MKDOCS_2_WARNING := 1

.PHONY: env torch serve build test pytest lint bench audit repro clean help

help:
	@echo "make serve   the site on http://127.0.0.1:8000, rebuilt as you edit"
	@echo "make test    lint, unit tests, page snippets, notebooks, strict build,"
	@echo "             every page in Chromium (light/dark, desktop/phone, axe-core)"
	@echo "make pytest  the same without lint"
	@echo "make build   the site into site/ (mkdocs build --strict)"
	@echo "make bench   build times; handgrad against PyTorch (needs make torch)"
	@echo "make audit   Lighthouse scores of every page (median of 3 runs each)"
	@echo "make repro   ten clean builds with the CPU kept busy, compared file by file"
	@echo "make torch   add PyTorch (CPU) to .venv for the comparison tests"
	@echo "make clean   remove generated files and caches"

$(UV):
	$(PYTHON) -m venv .cache/uv
	.cache/uv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# --inexact keeps what `make torch` added, which the lock does not hold. It
# would keep a QuickJS binding the lock no longer picks for this Python, too:
# quickjs and quickjs-ng both install the module `quickjs` (pyproject.toml),
# so a .venv that holds both drops them and syncs again.
env: $(UV)
	$(UV) sync --frozen --inexact --quiet --python "$(PYTHON)"
	@if $(BIN)/python -c "from importlib.metadata import version as v; v('quickjs'); v('quickjs-ng')" \
	  2>/dev/null; then \
	  $(UV) pip uninstall -q --python $(BIN)/python quickjs quickjs-ng && \
	  $(UV) sync --frozen --inexact --quiet --python "$(PYTHON)"; fi

# Optional: PyTorch, the independent autodiff the tests compare against (they
# skip with a reason without it). pip, not uv: pip finds the CPU build that
# machines here keep on disk. Elsewhere set TORCH_INDEX_URL to PyTorch's CPU
# wheel index (as the GitHub workflow does), or pip downloads the multi-GB
# CUDA build from PyPI. With TORCH_WHEEL_DIR set (CI caches that folder), the
# wheels are downloaded there once and installed from it.
# A Python that the pinned torch has no wheel for (a release newer than it;
# uv.lock lists its wheels) skips this, saying so: tools/lock_wheels.py.
TORCH_VERSION := $(shell sed -n 's/^torch = \["torch==\(.*\)"\]/\1/p' pyproject.toml)
PIP := $(PYTHON) -m pip --python $(BIN)/python
torch: env
	@if $(BIN)/python -c "import torch" 2>/dev/null; then exit 0; fi; \
	$(BIN)/python tools/lock_wheels.py torch; case $$? in 0) ;; 1) exit 0;; *) exit 1;; esac; \
	from="$${TORCH_INDEX_URL:+--index-url $$TORCH_INDEX_URL}"; \
	if [ -n "$${TORCH_WHEEL_DIR:-}" ]; then \
	  set -x; \
	  $(PIP) download --quiet --dest "$$TORCH_WHEEL_DIR" $$from "torch==$(TORCH_VERSION)" && \
	  $(PIP) install --quiet --no-index --find-links "$$TORCH_WHEEL_DIR" "torch==$(TORCH_VERSION)"; \
	else \
	  set -x; $(PIP) install --quiet $$from "torch==$(TORCH_VERSION)"; \
	fi

serve: env
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: env
	$(BIN)/mkdocs build --strict

# actionlint checks the workflows, and their `run:` scripts with shellcheck
# (named by path: .venv/bin need not be on PATH); shellcheck our own scripts.
lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/actionlint -shellcheck=$(BIN)/shellcheck
	$(BIN)/shellcheck .ci/run tools/vendor_temml.sh

# axe-core for the accessibility tests (tests/browser), pinned by its lock
# file; installed again only when the lock changes. Without npm they skip.
AXE_CORE := tools/browser/node_modules/.package-lock.json
$(AXE_CORE): tools/browser/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix tools/browser --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the axe-core tests will skip (apt-get install npm)"; fi

# `make -k test` (CI) runs the tests even when lint fails. The coverage floor
# applies to the whole run only: one page or test file, run alone with
# `.venv/bin/python -m pytest PATH`, covers a sliver of the library.
test: lint pytest

pytest: env $(AXE_CORE)
	$(BIN)/python -m pytest --cov-fail-under=95

# Lighthouse (benchmarks/audit, its own lock: make test never installs it) on the
# built site, served on 127.0.0.1 as a phone on a slow network sees it.
LIGHTHOUSE := benchmarks/audit/node_modules/.package-lock.json
$(LIGHTHOUSE): benchmarks/audit/package-lock.json
	npm ci --prefix benchmarks/audit --no-audit --no-fund --loglevel=error

audit: build $(LIGHTHOUSE)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python benchmarks/audit.py site

# Ten clean builds in a row, with three `yes` processes keeping the CPU busy,
# every file compared with the first build's (ten times a clean build).
repro: env
	$(BIN)/python benchmarks/repro_build.py

bench: torch
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_faults.py
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python benchmarks/bench_train.py
	$(BIN)/python benchmarks/bench_autodiff.py
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python benchmarks/bench_digits.py

clean:
	rm -rf site .cache/figures .cache/notebooks .cache/values .cache/social .cache/mathfont .pytest_cache .ruff_cache .hypothesis .coverage
