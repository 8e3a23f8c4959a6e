#!/usr/bin/env bash
# npm run bench:before [-- <rev> [rounds]]: the strategy benchmark's completion round trip of this tree and of
# <rev> (default 988eb19, the commit before issue 11 moved the activities into the services), alternating
# (this, before, this, before, …) on the same stack, so both see the same machine load. The same benchmark
# code measures both: it starts <rev>'s built services and worker (BENCH_ROOT). <rev> is checked out and built
# once in .local/bench-before/<rev>. BENCH_CYCLES (200) and the other BENCH_* settings apply to both.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

rev="${1:-988eb19}"
rounds="${2:-2}"
before="$ROOT/.local/bench-before/$rev"

prepare_built_stack
if [ ! -d "$before" ]; then git worktree add --detach "$before" "$rev"; fi
(cd "$before" && { [ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } && npx turbo run build --output-logs=errors-only)

# Trees from before issue 11 ran the worker with a client of its own (svc-workflows): the local Keycloak gets it
# back from that tree's realm (client, role and service account; nothing else changes).
if grep -q '"svc-workflows"' "$before/infra/keycloak/realm-sozialraum.json"; then
  REALM="$before/infra/keycloak/realm-sozialraum.json" node -e '
    const realm = require(process.env.REALM);
    const base = process.env.KEYCLOAK_URL;
    (async () => {
      const form = new URLSearchParams({ grant_type: "password", client_id: "admin-cli", username: "admin", password: "admin" });
      const { access_token } = await (await fetch(`${base}/realms/master/protocol/openid-connect/token`, { method: "POST", body: form })).json();
      const body = {
        ifResourceExists: "SKIP",
        clients: realm.clients.filter((c) => c.clientId === "svc-workflows"),
        roles: { realm: realm.roles.realm.filter((r) => r.name === "cycle-worker") },
        users: realm.users.filter((u) => u.username === "service-account-svc-workflows"),
      };
      const answer = await fetch(`${base}/admin/realms/sozialraum/partialImport`, {
        method: "POST", headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" }, body: JSON.stringify(body),
      });
      if (!answer.ok) throw new Error(`partialImport: ${answer.status} ${await answer.text()}`);
    })().catch((error) => { console.error(error); process.exit(1); });'
  export KEYCLOAK_SECRET_WORKFLOWS="${KEYCLOAK_SECRET_WORKFLOWS:-local-dev-secret-workflows}"
fi

export LOG_LEVEL="${LOG_LEVEL:-warn}" REDIS_PREFIX=sozialraum-bench EXPENSIVE_REQUESTS_PER_MINUTE=0
run() {
  log "$1: $(uptime | sed 's/.*load/load/')"
  if [ "$1" = before ]; then BENCH_ROOT="$before" node bench/dist/strategy-cycles.js & else node bench/dist/strategy-cycles.js & fi
  local pid=$!
  trap 'kill -TERM '"$pid"' 2>/dev/null; wait '"$pid"'; exit 143' INT TERM
  wait "$pid"
  trap - INT TERM
}
for round in $(seq 1 "$rounds"); do
  log "round $round of $rounds: this tree ($(git rev-parse --short HEAD)), then $rev"
  run this
  run before
done
