#!/usr/bin/env bash
# npm start: installs what is missing, starts the local stack, migrates, loads the demo data when the
# database has none (demo/, through the APIs), and runs the web app, the three services (strategy and
# measures run the cycle's activities) and the Temporal worker (the cycle workflows) in the foreground.
# Ctrl-C stops everything cleanly (and the stack, if this command started it).
# TRACING=on npm start: the processes send traces to a local Zipkin (started with the stack), the trace view.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

prepare_built_stack
migrate_all

tracing_line=""
if [ "${TRACING:-off}" = on ]; then
  # OpenTelemetry's standard variables (packages/kit/src/tracing): every process exports to Zipkin.
  export OTEL_TRACES_EXPORTER=zipkin OTEL_EXPORTER_ZIPKIN_ENDPOINT="$ZIPKIN_URL/api/v2/spans"
  tracing_line="  traces       $ZIPKIN_URL/zipkin/   (a request's trace ID: its log line, or send a traceparent header)"
fi

cat <<INFO

Sozialraum is starting: open http://127.0.0.1:3000 (sign in as a demo user below)
  web app      http://127.0.0.1:3000
  monitoring   http://127.0.0.1:3001   (OpenAPI: /openapi.json)
  strategy     http://127.0.0.1:3002
  measures     http://127.0.0.1:3003
  worker       http://127.0.0.1:3010/health/ready
  Temporal UI  ${TEMPORAL_UI_URL:-}
  Keycloak     ${KEYCLOAK_URL}/admin/  (admin / admin, local only)
${tracing_line}
Demo logins (password "demo", local only): planer, koordination, soziales, jugend, gesundheit,
  wohnen, stadtplanung, lenkung, gast, it-admin (and vertretung, soziales). Token: see README "Calling the API".

INFO

# Readable log lines in a terminal (pino-pretty, see packages/kit/src/logger.ts); JSON lines when the output
# goes to a file or a pipe, as in production. LOG_FORMAT=json or =pretty overrides.
if [ -z "${LOG_FORMAT:-}" ] && [ -t 1 ]; then export LOG_FORMAT=pretty; fi

# concurrently supervises the processes; Ctrl-C reaches each of them as SIGINT and they drain.
set +e
npx concurrently --names web,monitoring,strategy,measures,worker,demo --prefix-colors cyan,blue,magenta,green,yellow,gray \
  --kill-others-on-fail --kill-signal SIGTERM \
  "PORT=3000 node apps/web/dist/server/index.js" \
  "PORT=3001 TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS node services/monitoring/dist/index.js" \
  "PORT=3002 KEYCLOAK_CLIENT_SECRET=$KEYCLOAK_SECRET_STRATEGY node services/strategy/dist/index.js" \
  "PORT=3003 TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS KEYCLOAK_CLIENT_SECRET=$KEYCLOAK_SECRET_MEASURES node services/measures/dist/index.js" \
  "HEALTH_PORT=3010 node workflows/dist/worker.js" \
  "node demo/dist/load.js"
