# Everything a fresh machine needs: `make run` (the app on seeds/) and `make test` (the whole suite).
VENV ?= .venv
PY := $(VENV)/bin/python
# On this kind of machine pip finds a CPU build of torch 2.13.0 on disk; a bare `torch` would pull a
# multi-GB CUDA build. Override on another machine, e.g. TORCH_SPEC="torch==2.13.0+cpu".
TORCH_SPEC ?= torch==2.13.0
STAMP := $(VENV)/.installed

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install run test lint unit integration bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "$(TORCH_SPEC)"
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/briefing ingest seeds/
	$(VENV)/bin/briefing brief

lint: install
	$(VENV)/bin/ruff check briefing tests bench
	$(VENV)/bin/ruff format --check briefing tests bench
	$(VENV)/bin/mypy

unit: install
	$(PY) -m pytest tests/unit

integration: install
	$(PY) -m pytest tests/integration

test: lint
	$(PY) -m pytest

bench: install
	$(PY) bench/bench_ingest.py

clean:
	rm -rf $(VENV) vectorstore .pytest_cache .mypy_cache .ruff_cache
