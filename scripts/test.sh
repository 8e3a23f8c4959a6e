#!/usr/bin/env bash
# npm test: installs what is missing, starts the real local stack (PostgreSQL/PostGIS, Redis, Temporal,
# Keycloak), builds, type-checks, lints and runs every unit and integration test. Non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_node_modules
ensure_chromium
trap stack_down_if_started EXIT
stack_up
ensure_schemathesis
ensure_kubernetes_validate
ensure_helm
ensure_zipkin
ensure_jaeger

# Tests get their own database (recreated each run, so every run starts clean), Redis database and
# Temporal namespace (workflows outlive a run there, so tests end what a crashed run left of theirs).
if [ -n "${DATABASE_ADMIN_URL:-}" ] && [ "$DATABASE_ADMIN_URL" != "$DATABASE_URL" ]; then
  admin_url="${DATABASE_ADMIN_URL%/*}/postgres"
  psql -q "$admin_url" -c "DROP DATABASE IF EXISTS sozialraum_test WITH (FORCE)" -c "CREATE DATABASE sozialraum_test OWNER sozialraum"
  psql -q "${DATABASE_ADMIN_URL%/*}/sozialraum_test" -c "CREATE EXTENSION IF NOT EXISTS postgis"
  export DATABASE_URL="${DATABASE_URL%/*}/sozialraum_test"
  export DATABASE_ADMIN_URL="${DATABASE_ADMIN_URL%/*}/sozialraum_test"
fi
export REDIS_URL="${REDIS_URL%/}/1"
# Its own Redis key prefix too: a platform on the same Redis (npm start, a benchmark) never takes the tests' jobs.
export REDIS_PREFIX=sozialraum-test
# No per-user budget for expensive requests: test files ask for profiles, maps and exports in bursts
# (packages/kit/test/outages.http.test.ts tests the budget itself).
export EXPENSIVE_REQUESTS_PER_MINUTE=0
export TEMPORAL_NAMESPACE=$TEMPORAL_TEST_NAMESPACE
redis-cli -u "$REDIS_URL" flushdb >/dev/null 2>&1 || true
export LOG_LEVEL="${LOG_LEVEL:-silent}"
# Every service a test starts checks its responses against its OpenAPI document (the jest preset sets it too).
export VALIDATE_RESPONSES=true

log "stack: postgres ${DATABASE_URL#*@}, redis ${REDIS_URL}, temporal ${TEMPORAL_ADDRESS}/${TEMPORAL_NAMESPACE}, keycloak ${KEYCLOAK_URL}"
npx turbo run build typecheck lint --output-logs=errors-only
migrate_all
mkdir -p .local/logs
set +e
npx turbo run test --concurrency=1 --continue --output-logs=full 2>&1 | tee .local/logs/test.log
status=${PIPESTATUS[0]}
# The same code on the Docker image's Node LTS line (Node 22 from PyPI): the tests that start no server, ~40 s.
bash scripts/test-node-lts.sh --quick 2>&1 | tee -a .local/logs/test.log
[ "${PIPESTATUS[0]}" = 0 ] || { echo "---- failures on the Node LTS line: see above (scripts/test-node-lts.sh) ----"; status=1; }
set -e
# The failures again at the end, where a CI excerpt (the output's tail) shows them.
if [ "$status" != 0 ]; then
  echo "---- failures ----"
  grep -E -A12 '^[^ ]+:test: +● ' .local/logs/test.log | head -150 || true
  # Playwright's failures: "  1) e2e/journeys.spec.ts:92:1 › …" and the error below it.
  sed -E 's/\x1b\[[0-9;]*m//g' .local/logs/test.log | grep -v '"level":' | grep -E -A14 '^[^ ]+:test: +[0-9]+\) ' | head -100 || true
fi
# One closing line over all packages, e.g. "tests: 57 passed, 0 failed", from Jest's "Tests: 3 failed, 54 passed,
# 57 total", Vitest's "Tests  1 failed | 30 passed (31)" and Playwright's "  12 passed (3.0m)" / "  1 failed".
sed -E 's/\x1b\[[0-9;]*m//g' .local/logs/test.log \
  | grep -E '^@sozialraum/[a-z0-9-]+:test: +(Tests:? +[0-9]|[0-9]+ (passed|failed)( \(|$))' \
  | sed -E 's/^[^:]+:test: +//; s/[,|()]/ /g' \
  | awk '{ for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+$/ && ($(i + 1) == "passed" || $(i + 1) == "failed")) n[$(i + 1)] += $i }
         END { printf "tests: %d passed, %d failed\n", n["passed"], n["failed"] }'
exit "$status"
