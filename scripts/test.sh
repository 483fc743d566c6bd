#!/usr/bin/env bash
# Set up, run the whole test suite (browser tests included), then the evaluation gate.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The browser tests drive Debian's Chromium (Playwright never downloads a browser here); CJK fonts make screenshots legible.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing Debian chromium and CJK fonts for the browser tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei fonts-noto-color-emoji >/dev/null) \
    || echo "setup: could not install chromium; the browser tests will be skipped with that reason"
fi
.venv/bin/python -m pytest "$@"
# The gate runs over the committed corpus and Q&A set in a private index folder.
export POLICYBOT_INDEX_DIR="${POLICYBOT_EVAL_INDEX_DIR:-.cache/eval-index}"
.venv/bin/policybot ingest --quiet
.venv/bin/policybot eval --quiet --dataset evals/policy_qa.jsonl --out reports/eval --gate evals/thresholds.json
.venv/bin/policybot eval --catalogue --dataset evals/policy_qa.jsonl --out reports/catalogue --gate evals/catalogue_thresholds.json
