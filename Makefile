# One command runs the app, one runs every test. Each creates the virtualenv it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: run test lint validate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

## make run: the atlas on the bundled data at http://localhost:8501
run: $(VENV)/.runtime
	$(BIN)/streamlit run app.py --server.port $(PORT)

## make test: ruff, the data validator on data/, and every test (unit, AppTest, browser)
test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/python -m utils.validate
	$(BIN)/pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .

validate: $(VENV)/.runtime
	$(BIN)/python -m utils.validate

bench: $(VENV)/.dev
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
