# attrition: two commands on a fresh machine — `make demo` and `make test`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test eval clean

# The package alone: what the demo (and everyday use) needs.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -e .
	touch $(STAMP)

# The test and Dask extras on top (pytest, hypothesis, selenium, dask.distributed).
$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install -e '.[test,dask]'
	touch $(TEST_STAMP)

demo: $(STAMP)
	$(BIN)/attrition ingest examples/ --db demo.db
	$(BIN)/attrition claims --db demo.db --format table

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -q

# Score the extractor on the hand-checked seed articles (needs ../shared).
eval: $(STAMP)
	$(BIN)/python bench/eval_sets.py seeds dev dev2

clean:
	rm -f demo.db demo.db-wal demo.db-shm
