#!/usr/bin/env bash
# npm run bench [-- monitoring|strategy|measures]: builds, starts the local stack and runs the benchmarks against it.
# Each prints its figures next to a baseline measured in the same run, as ratios (absolute times on a
# shared 2-core machine mean little). Benchmarks get databases of their own; they never run in npm test.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

prepare_built_stack
export LOG_LEVEL="${LOG_LEVEL:-warn}"
# A Redis key prefix of its own (npm start may run on the same Redis), and no per-user budget: load is the point.
export REDIS_PREFIX=sozialraum-bench EXPENSIVE_REQUESTS_PER_MINUTE=0

which="${1:-all}"
if [ "$which" = all ] || [ "$which" = monitoring ]; then node bench/dist/monitoring.js; fi
if [ "$which" = all ] || [ "$which" = strategy ]; then node bench/dist/strategy-cycles.js; fi
if [ "$which" = all ] || [ "$which" = measures ]; then node bench/dist/measures-overview.js; fi
