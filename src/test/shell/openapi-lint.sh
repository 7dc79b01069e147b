#!/usr/bin/env bash
# Lints the OpenAPI description that OpenApiContractTests saved from the running application
# (target/openapi/openapi.json) with Redocly CLI's recommended rules: any error fails the build.
# Needs Node.js and npm (the npm registry); installs Redocly CLI into target/redocly once.
# Usage: src/test/shell/openapi-lint.sh [--install]   (--install: only install Redocly CLI, which needs no
# document: `.ci/run` does it while the tests run)
set -euo pipefail
cd "$(dirname "$0")/../../.."
document=target/openapi/openapi.json
install_only=0
[ "${1:-}" = --install ] && install_only=1
if [ "$install_only" = 0 ] && [ ! -s "$document" ]; then
  echo "openapi-lint: $document is missing; run the tests first (mvn verify)." >&2
  exit 1
fi
if ! command -v npm >/dev/null; then
  echo "openapi-lint: SKIPPED, npm is not installed." >&2
  exit 0
fi
tools=target/redocly
if [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --silent --no-audit --no-fund @redocly/cli@2.77.0 >/dev/null
fi
[ "$install_only" = 0 ] || exit 0
"$tools/node_modules/.bin/redocly" lint --format=summary "$document"
