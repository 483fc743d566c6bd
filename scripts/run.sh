#!/usr/bin/env bash
# Set up, build or update the index, and answer a sample question from the command line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/policybot ingest
.venv/bin/policybot ask "${1:-临沧市规模以上企业新设立研发机构有什么补助？}"
