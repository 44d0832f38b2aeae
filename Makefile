# Set-up and the two everyday commands (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test

# torch is installed first and pinned: the CPU wheel, not gigabytes of CUDA packages.
$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/claimtrack models check >/dev/null 2>&1 || $(BIN)/claimtrack models download
	$(BIN)/claimtrack demo

test: install
	$(BIN)/python -m pytest
