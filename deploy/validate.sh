#!/usr/bin/env bash
# Offline validation of the deployment artifacts (no cluster, no Docker engine, no network but package registries):
#   1. renders every kustomization (deploy/k8s, overlays/dev, overlays/prod) with `kubectl kustomize`;
#   2. checks the rendered objects against the Kubernetes API (JSON schemas and, for unknown fields, TypeScript types
#      of the npm package kubernetes-models) and that every image is pinned;
#   3. validates docker-compose.yml with `docker compose config` (JVM and native variants, and with the Grafana
#      Tempo override docker-compose.tempo.yml), and the dev-mode compose file deploy/dev/compose-devservices.yml;
#   4. checks the collector configuration (YAML, and that every pipeline references declared components) and that
#      the Kubernetes copies of config.yaml and init-databases.sh equal the originals.
#
# Usage (from anywhere): deploy/validate.sh
# Needs: kubectl (>= 1.27, it embeds kustomize), node and npm; docker-compose (installed with apt-get when missing
# and running as root). The npm packages (deploy/tools/package-lock.json) go to deploy/.tools, reinstalled only
# when the lock file changes; set DEPLOY_TOOLS_DIR to put them elsewhere.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
tools_src=deploy/tools
tools_dir=${DEPLOY_TOOLS_DIR:-deploy/.tools}
kustomizations=(deploy/k8s deploy/k8s/overlays/dev deploy/k8s/overlays/prod)

step() { printf '==> %s\n' "$*"; }
fail() {
  printf 'deploy/validate.sh: FAILED: %s\n' "$*" >&2
  exit 1
}

rendered=$(mktemp -d)
trap 'rm -rf "$rendered"' EXIT

# --- prerequisites -------------------------------------------------------------------------------------------------
command -v kubectl >/dev/null 2>&1 ||
  fail "kubectl not found. Install kubectl >= 1.27 (it embeds kustomize) from your OS packages; this script downloads no binaries."
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  fail "node and npm not found. Install Node.js >= 18 with npm (e.g. apt-get install nodejs npm)."
fi

step "npm packages (deploy/tools/package-lock.json -> $tools_dir)"
lock_sum=$(sha256sum "$tools_src/package-lock.json" "$tools_src/package.json" | sha256sum | cut -d' ' -f1)
if [[ ! -d "$tools_dir/node_modules" || "$(cat "$tools_dir/.installed" 2>/dev/null)" != "$lock_sum" ]]; then
  rm -rf "$tools_dir"
  mkdir -p "$tools_dir"
  cp "$tools_src/package.json" "$tools_src/package-lock.json" "$tools_dir/"
  # npm ci: exactly the locked versions and integrity hashes; no install scripts are needed by these packages.
  npm ci --prefix "$tools_dir" --ignore-scripts --no-audit --no-fund --loglevel=error ||
    fail "npm ci of deploy/tools/package-lock.json failed (is the npm registry reachable?)"
  echo "$lock_sum" >"$tools_dir/.installed"
else
  echo "    up to date"
fi

# --- Kubernetes ----------------------------------------------------------------------------------------------------
rendered_files=()
for kustomization in "${kustomizations[@]}"; do
  step "kubectl kustomize $kustomization"
  out="$rendered/$(echo "$kustomization" | tr '/' '_').yaml"
  kubectl kustomize "$kustomization" >"$out" || fail "kubectl kustomize $kustomization"
  rendered_files+=("$out")
done

step "Kubernetes objects against the API schemas and types (kubernetes-models)"
node "$tools_src/validate-manifests.cjs" --tools-dir "$tools_dir" k8s "${rendered_files[@]}" ||
  fail "rendered Kubernetes manifests are invalid (see above)"

# --- docker-compose ------------------------------------------------------------------------------------------------
step "docker-compose.yml"
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
elif [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "    installing Debian's docker-compose (offline validation only; no Docker engine needed)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose; } >/dev/null ||
    fail "apt-get install docker-compose failed"
  compose=(docker-compose)
else
  fail "neither 'docker compose' nor 'docker-compose' is available; install one (apt-get install docker-compose)"
fi
for dockerfile in Dockerfile.jvm Dockerfile.native-micro; do
  for service in inventory-service order-service; do
    [[ -f "$service/src/main/docker/$dockerfile" ]] || fail "missing $service/src/main/docker/$dockerfile"
  done
  DOCKERFILE=$dockerfile "${compose[@]}" -f docker-compose.yml config -q ||
    fail "docker-compose.yml is invalid (DOCKERFILE=$dockerfile)"
  echo "    valid with DOCKERFILE=$dockerfile"
done
step "docker-compose.tempo.yml over docker-compose.yml (Grafana Tempo instead of Jaeger)"
"${compose[@]}" -f docker-compose.yml -f docker-compose.tempo.yml config -q ||
  fail "docker-compose.yml with docker-compose.tempo.yml is invalid"
echo "    valid"
step "deploy/dev/compose-devservices.yml (quarkus dev's trace UI)"
"${compose[@]}" -f deploy/dev/compose-devservices.yml config -q ||
  fail "deploy/dev/compose-devservices.yml is invalid"
echo "    valid"

# --- OpenTelemetry Collector and copies ----------------------------------------------------------------------------
step "OpenTelemetry Collector configuration"
node "$tools_src/validate-manifests.cjs" --tools-dir "$tools_dir" collector deploy/otel-collector/config.yaml ||
  fail "deploy/otel-collector/config.yaml is invalid (see above)"

step "Kubernetes copies of shared files"
for pair in deploy/otel-collector/config.yaml:deploy/k8s/base/otel-collector/config.yaml \
  deploy/postgres/init-databases.sh:deploy/k8s/base/postgres/init-databases.sh; do
  original=${pair%%:*}
  copy=${pair##*:}
  cmp -s "$original" "$copy" || fail "$copy differs from $original: copy it again (cp $original $copy)"
  echo "    $copy == $original"
done

echo "deploy/validate.sh: all checks passed"
