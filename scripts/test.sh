#!/usr/bin/env bash
# Set up, run the whole test suite, then the evaluation gate (evals/thresholds.json).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pytest "$@"
# The gate runs over the committed corpus and Q&A set in a private index folder.
export POLICYBOT_INDEX_DIR="${POLICYBOT_EVAL_INDEX_DIR:-.cache/eval-index}"
.venv/bin/policybot ingest --quiet
.venv/bin/policybot eval --quiet --dataset evals/policy_qa.jsonl --out reports/eval --gate evals/thresholds.json
