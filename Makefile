# attrition: two commands on a fresh machine — `make demo` and `make test`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -e '.[test,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/attrition ingest examples/ --db demo.db
	$(BIN)/attrition claims --db demo.db --format table

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Score the extractor on the hand-checked seed articles (needs ../shared).
eval: $(STAMP)
	$(BIN)/attrition extract ../shared/seeds --format jsonl > /tmp/attrition-seeds.jsonl
	$(BIN)/python ../shared/eval/score.py ../shared/eval/seeds.gold.jsonl /tmp/attrition-seeds.jsonl

clean:
	rm -f demo.db demo.db-wal demo.db-shm
