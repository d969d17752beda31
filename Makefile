# Two commands set everything up on a fresh machine with only Python 3.11:
#   make run   - build the environment if missing, then run the pipeline on raw/
#   make test  - build the environment if missing, then run the tests
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
STAMP := $(VENV)/.statlint-installed
UV_VERSION := 0.13.9
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

# The extractor compiled with mypyc (statlint/native.py): rebuilt whenever its source changes; if compiling
# fails the same code runs as plain Python.
NATIVE := statlint/extract/.compiled.json
EXTRACT_SOURCES := $(wildcard statlint/extract/*.py)

# Bytecode is compiled once at install (--compile-bytecode): where PYTHONDONTWRITEBYTECODE is set, every
# process (the CLI, Prefect's server, each Dask worker) would otherwise recompile Prefect, SQLAlchemy and
# FastAPI from source on every run, about 8 s of CPU at each start-up.

.PHONY: run test bench lint env native clean

$(STAMP): pyproject.toml uv.lock
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	@UV_PROJECT_ENVIRONMENT=$(VENV) $(VENV)/bin/uv sync -q --frozen --inexact --all-groups --compile-bytecode \
		--python $(VENV)/bin/python
	@touch $(STAMP)

$(NATIVE): $(STAMP) $(EXTRACT_SOURCES)
	@$(VENV)/bin/python -m statlint.native build --allow-fail

env: $(STAMP) $(NATIVE)

native: $(NATIVE)

run: $(STAMP) $(NATIVE)
	$(VENV)/bin/statlint run

test: $(STAMP) $(NATIVE)
	$(VENV)/bin/python -m pytest

bench: $(STAMP) $(NATIVE)
	$(VENV)/bin/python -m benchmarks

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) warehouse/*.duckdb* reports/*.html reports/*.md $(NATIVE) statlint/extract/*.so statlint_extract__mypyc*.so
