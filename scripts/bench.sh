#!/usr/bin/env bash
# npm run bench [-- monitoring|import|strategy|inbox|measures]: builds, starts the local stack and runs the benchmarks against it.
# Each prints its figures next to a baseline measured in the same run, as ratios (absolute times on a
# shared 2-core machine mean little). Benchmarks get databases of their own; they never run in npm test.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

prepare_built_stack
export LOG_LEVEL="${LOG_LEVEL:-warn}"
# A Redis key prefix of its own (npm start may run on the same Redis), and no per-user budget: load is the point.
export REDIS_PREFIX=sozialraum-bench EXPENSIVE_REQUESTS_PER_MINUTE=0

# Each benchmark in the background, so a TERM/INT to this script reaches it (it then stops what it started).
bench() {
  node "bench/dist/$1.js" & local pid=$!
  trap 'kill -TERM '"$pid"' 2>/dev/null; wait '"$pid"'; exit 143' INT TERM
  wait "$pid"
  trap - INT TERM
}

which="${1:-all}"
for entry in monitoring:monitoring import:value-import strategy:strategy-cycles inbox:inbox measures:measures-overview; do
  if [ "$which" = all ] || [ "$which" = "${entry%%:*}" ]; then bench "${entry#*:}"; fi
done
