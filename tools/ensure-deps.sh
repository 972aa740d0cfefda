#!/usr/bin/env bash
# Installs what the tests and the demo need on a fresh machine, and nothing
# else: moto (the local AWS emulator), cfn-lint (which lints every
# CloudFormation template ampgo generates) and the Node packages of the
# aws-amplify library check and of the AppSync resolver harness. Safe to run again: it skips what is there.
# Tests never install anything: testenv.AmplifyJSCheck reads the marker
# .installed-lock written below and fails, naming `make deps`, when it is
# missing or differs from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

need_moto() {
  if python3 -c 'import moto, moto.server, flask' >/dev/null 2>&1; then return; fi
  echo "ensure-deps: installing moto[server] with pip" >&2
  python3 -m pip install --quiet 'moto[server]' || {
    echo "ensure-deps: could not install moto; install it with: pip install 'moto[server]'" >&2; exit 1; }
}

need_cfnlint() {
  if command -v cfn-lint >/dev/null 2>&1; then return; fi
  echo "ensure-deps: installing cfn-lint with pip" >&2
  python3 -m pip install --quiet cfn-lint || {
    echo "ensure-deps: could not install cfn-lint; install it with: pip install cfn-lint" >&2; exit 1; }
}

need_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "ensure-deps: node and npm are needed for the aws-amplify library check; install Node.js 20+ (apt-get install nodejs npm)" >&2
    exit 1
  fi
  # amplify-js-check: the aws-amplify library check; appsync-harness: eslint
  # with @aws-appsync/eslint-plugin and the SDK that runs the GraphQL
  # resolvers against moto (internal/graphql tests).
  local dir
  for dir in tools/amplify-js-check tools/appsync-harness; do
    if [ -f "$dir/node_modules/.package-lock.json" ] && cmp -s "$dir/package-lock.json" "$dir/.installed-lock" 2>/dev/null; then continue; fi
    echo "ensure-deps: npm ci in $dir" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$dir/package-lock.json" "$dir/.installed-lock"
  done
}

for dep in "$@"; do
  case "$dep" in
    moto) need_moto ;;
    cfnlint) need_cfnlint ;;
    node) need_node ;;
    *) echo "ensure-deps: unknown dependency $dep" >&2; exit 2 ;;
  esac
done
