#!/usr/bin/env bash
# CI for the VS Code extension: a clean install from package-lock.json, the grammar and
# client tests, the .vsix, and a check of what the .vsix holds. Needs Node.js 20+ and npm
# (and the npm registry); nothing else. Run from anywhere: bash editors/vscode/ci.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

echo "== vscode extension: node $(node --version), npm $(npm --version)"
version="$(node -p "require('./package.json').version")"
vsix="vtd-${version}.vsix"
rm -rf .snap-work "$vsix"

npm ci --no-audit --no-fund --loglevel=error
npm test
npm run package
if [ ! -s "$vsix" ]; then
  echo "ci.sh: npm run package did not produce editors/vscode/$vsix" >&2
  exit 1
fi
npm run --silent check:vsix
echo "== vscode extension: $vsix ($(wc -c < "$vsix") bytes)"
