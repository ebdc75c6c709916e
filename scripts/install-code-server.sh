#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3) offline-capable into .vscode-test/code-server,
# offline, from the npm registry only (see the README, "Tests"). Reused when already complete.
# Needs: apt packages libkrb5-dev ripgrep (and chromium for the UI tests).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=.vscode-test/code-server
VERSION=4.100.3
# Several test files (and npm start) may ask at once: one installs, the others wait.
mkdir -p .vscode-test
exec 9>.vscode-test/.install.lock
flock 9
if [ -x "$DIR/node_modules/.bin/code-server" ] && [ -f "$DIR/.complete-$VERSION" ]; then
  echo "code-server $VERSION already installed in $DIR"
  exit 0
fi
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
npm init -y >/dev/null
npm install --no-audit --no-fund "code-server@$VERSION" --ignore-scripts
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild node-pty @vscode/spdlog @parcel/watcher kerberos native-watchdog @vscode/deviceid
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts)
cd ../../../..
npm rebuild argon2
node_modules/.bin/code-server --version
touch ".complete-$VERSION"
