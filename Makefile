# Set-up and the two front-door commands. `make demo` and `make test` each set up first, so on a fresh
# machine with Python 3.12 and pip either one is the only command you need.
PYTHON ?= $(shell command -v python3.12 || command -v python3)
UV := .tools/bin/uv
UV_VERSION := 0.13.9

.PHONY: setup demo test lint bench clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

# The lock file pins every version; --frozen refuses to run if pyproject.toml and uv.lock disagree.
setup: $(UV)
	$(UV) sync --frozen --all-extras

demo: setup
	.venv/bin/goftar demo

test: setup lint
	.venv/bin/pytest $(PYTEST_ARGS)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

clean:
	rm -rf .venv .tools var .pytest_cache
