# Shared by scripts/start.sh, scripts/test.sh and scripts/bench.sh. Source it; it changes nothing by itself.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*"; }

# npm ci when node_modules is missing or older than the lockfile (a fresh clone, or a pulled dependency change).
ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Starts the local stack (idempotent) and exports its addresses. Sets STACK_STARTED_HERE=1 when this
# call started it, so the caller can stop exactly what it started.
stack_up() {
  local running
  running=$(bash infra/local/stack.sh status 2>/dev/null | grep -cE '^(postgres|redis|temporal|keycloak) +running ' || true)
  if [ "$running" != 4 ]; then STACK_STARTED_HERE=1; else STACK_STARTED_HERE=0; fi
  bash infra/local/stack.sh up
  # shellcheck disable=SC1091
  set -a; source .local/stack.env; set +a
}

stack_down_if_started() {
  if [ "${STACK_STARTED_HERE:-0}" = 1 ]; then bash infra/local/stack.sh down; fi
}

# Applies every service's migrations, as a Kubernetes Job would before a rollout.
migrate_all() {
  for service in monitoring strategy measures; do node "services/$service/dist/migrate.js"; done
}

# What npm start and npm run bench do first: packages, the stack (stopped on exit if started here), a build.
prepare_built_stack() {
  ensure_node_modules
  trap stack_down_if_started EXIT
  stack_up
  npx turbo run build --output-logs=errors-only
}

# Debian's Chromium for the browser tests (apt package `chromium`): Playwright drives it; it never downloads one.
ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { log "chromium: missing, and not root and no sudo to install it (apt-get install chromium)"; return 1; }
    sudo=sudo
  fi
  log "installing Debian's chromium for the browser tests (apt-get)"
  mkdir -p .local/logs
  { $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium; } >>.local/logs/install.log 2>&1 \
    || { log "chromium: apt-get install failed, see .local/logs/install.log"; return 1; }
}

# A pinned PyPI package in the stack's cached venv (stack.sh made it); exports its command's path.
ensure_venv_package() {
  local package=$1 version=$2 variable=$3
  local venv="${SOZIALRAUM_CACHE:-$HOME/.cache/sozialraum}/venv"
  export "$variable=$venv/bin/$package"
  # Its dist-info names the installed version (quicker than asking pip or the tool).
  if [ -x "$venv/bin/$package" ] && compgen -G "$venv/lib/python3*/site-packages/${package//-/_}-$version.dist-info" >/dev/null; then return 0; fi
  [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
  log "installing $package==$version into $venv (PyPI)"
  mkdir -p .local/logs
  "$venv/bin/pip" install -q "$package==$version" >>.local/logs/install.log 2>&1 \
    || { log "$package: pip install failed (PyPI unavailable?), see .local/logs/install.log"; return 1; }
}

# Schemathesis for the schema fuzzing test in e2e/; kubernetes-validate checks the Helm chart's rendered
# manifests against the Kubernetes schemas (e2e/test/helm.test.ts).
SCHEMATHESIS_VERSION=4.32.5
ensure_schemathesis() { ensure_venv_package schemathesis "$SCHEMATHESIS_VERSION" SCHEMATHESIS_BIN; }
KUBERNETES_VALIDATE_VERSION=1.37.0
ensure_kubernetes_validate() { ensure_venv_package kubernetes-validate "$KUBERNETES_VALIDATE_VERSION" KUBERNETES_VALIDATE_BIN; }

# Helm, built from source through the Go module proxy (no binary downloads here), cached per version.
HELM_VERSION=3.22.0
ensure_helm() {
  local dir="${SOZIALRAUM_CACHE:-$HOME/.cache/sozialraum}/helm-$HELM_VERSION"
  export HELM_BIN="$dir/helm"
  # The version of the module it was built from (helm's own `version` says only v3.22 when built by go install).
  if [ -x "$HELM_BIN" ] && go version -m "$HELM_BIN" 2>/dev/null | grep -qE "^\s+mod\s+helm.sh/helm/v3\s+v$HELM_VERSION\s"; then return 0; fi
  command -v go >/dev/null || { log "helm: needs Go to build it (go install through the module proxy); install Go 1.24+"; return 1; }
  log "building helm v$HELM_VERSION (go install through the Go module proxy; once, a few minutes)"
  mkdir -p "$dir" .local/logs
  GOBIN="$dir" GOFLAGS=-mod=mod go install "helm.sh/helm/v3/cmd/helm@v$HELM_VERSION" >>.local/logs/install.log 2>&1 \
    || { log "helm: go install failed, see .local/logs/install.log"; return 1; }
}

# Zipkin's server jar (Maven Central, cached) for the tracing test in e2e/, which starts its own Zipkin.
ensure_zipkin() { bash infra/local/stack.sh install-zipkin; }

# Jaeger v2, a real OTLP receiver for the test of production's trace export (e2e/test/tracing-otlp.test.ts),
# built from its Go module through the module proxy and cached per version. `go install …@version` refuses it
# (its go.mod has a replace directive), so it is built inside the downloaded module, with its own go.sum.
JAEGER_VERSION=1.76.0
ensure_jaeger() {
  local dir="${SOZIALRAUM_CACHE:-$HOME/.cache/sozialraum}/jaeger-$JAEGER_VERSION" module
  export JAEGER_BIN="$dir/jaeger"
  if [ -x "$JAEGER_BIN" ] && "$JAEGER_BIN" --version 2>/dev/null | grep -q " v$JAEGER_VERSION$"; then return 0; fi
  command -v go >/dev/null || { log "jaeger: needs Go to build it (through the Go module proxy); install Go 1.24.6+"; return 1; }
  log "building jaeger v$JAEGER_VERSION (through the Go module proxy; once, up to 45 minutes on 2 busy cores)"
  mkdir -p "$dir" .local/logs
  {
    module=$(go mod download -json "github.com/jaegertracing/jaeger@v$JAEGER_VERSION" | grep '"Dir"' | cut -d'"' -f4) && [ -d "$module" ] \
      && (cd "$module" && GOFLAGS=-mod=readonly go build -trimpath -o "$JAEGER_BIN.part" \
        -ldflags "-X github.com/jaegertracing/jaeger/internal/version.latestVersion=v$JAEGER_VERSION" ./cmd/jaeger) \
      && mv "$JAEGER_BIN.part" "$JAEGER_BIN"
  } >>.local/logs/install.log 2>&1 || { log "jaeger: build failed, see .local/logs/install.log"; return 1; }
}
