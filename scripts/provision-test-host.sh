#!/usr/bin/env bash
# Provisions the real-VS-Code test host into .vscode-test/ (ignored by git):
#   - system packages: libkrb5-dev (code-server's native kerberos module),
#     ripgrep (stands in for the binary @vscode/ripgrep would download),
#     chromium (driven by playwright-core for UI tests), openssl (the fault
#     matrix's self-signed certificate);
#   - code-server 4.100.3 (= VS Code 1.100.3, the newest on Node 20), installed
#     offline in its own folder, see /work/shared/real-vscode.md;
#   - a check that playwright-core (a devDependency) loads and Chromium runs.
# Idempotent: a second run only verifies and returns in about a second.
# Env: CODE_SERVER_VERSION (default 4.100.3), GIGGLE_TEST_CACHE (default
# <repo>/.vscode-test), CHROMIUM_PATH (default /usr/bin/chromium).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${GIGGLE_TEST_CACHE:-$ROOT/.vscode-test}"
CS_DIR="$CACHE/code-server-$VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
MARKER="$CS_DIR/.provisioned"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Versions code-server 4.100.3 pulls in (from its lock data); change together with VERSION.
RG_PKG_VERSION="1.15.11"
RG_ARCHIVE="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

log() { printf '[provision] %s\n' "$*"; }
die() { printf '[provision] ERROR: %s\n' "$*" >&2; exit 1; }
START=$(date +%s)

# --- 1. System packages ----------------------------------------------------
need_pkgs=()
command -v rg >/dev/null 2>&1 || need_pkgs+=(ripgrep)
[ -x "$CHROMIUM" ] || need_pkgs+=(chromium)
# The fault matrix makes a throwaway self-signed certificate for its TLS cells.
command -v openssl >/dev/null 2>&1 || need_pkgs+=(openssl)
if ! [ -f "$MARKER" ]; then
  # Only needed to build code-server's native module, i.e. on first install.
  if command -v dpkg-query >/dev/null 2>&1; then
    dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=(libkrb5-dev)
  elif ! [ -e /usr/include/gssapi/gssapi.h ] && ! [ -e /usr/include/krb5.h ]; then
    need_pkgs+=(libkrb5-dev)
  fi
fi
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing system packages: ${need_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  else
    die "missing system packages: ${need_pkgs[*]}
  Install them, then run this again:
    sudo apt-get update && sudo apt-get install -y ${need_pkgs[*]}
  (Debian/Ubuntu names; elsewhere: a Kerberos development package, ripgrep, and Chromium.
   Set CHROMIUM_PATH if Chromium is not at /usr/bin/chromium.)"
  fi
fi
command -v rg >/dev/null 2>&1 || die "ripgrep (rg) is still not on PATH"
[ -x "$CHROMIUM" ] || die "Chromium not found at $CHROMIUM (set CHROMIUM_PATH)"

# --- 2. code-server ----------------------------------------------------------
if [ -f "$MARKER" ] && [ -x "$CS_BIN" ] && [ "$(cat "$MARKER")" = "$VERSION" ]; then
  log "code-server $VERSION already provisioned in ${CS_DIR#$ROOT/}"
else
  log "installing code-server $VERSION into ${CS_DIR#$ROOT/} (offline-safe; about a minute)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds a
  # cached archive in $TMPDIR/vscode-ripgrep-cache-<version>/: put one there.
  RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_PKG_VERSION"
  if ! [ -s "$RG_CACHE/$RG_ARCHIVE" ]; then
    mkdir -p "$RG_CACHE"
    tar czf "$RG_CACHE/$RG_ARCHIVE" -C "$(dirname "$(command -v rg)")" rg
  fi
  # Its own package.json, so npm never touches the project's dependencies.
  printf '{ "name": "giggle-test-host", "private": true, "version": "0.0.0" }\n' > "$CS_DIR/package.json"
  (
    cd "$CS_DIR"
    # unsafe_perm: code-server's postinstall refuses to run as root otherwise;
    # yes: a nested `npx node-gyp` would otherwise stop at a prompt.
    npm_config_unsafe_perm=true npm_config_yes=true \
      npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION" > "$CACHE/code-server-install.log" 2>&1
  ) || { tail -40 "$CACHE/code-server-install.log" >&2; die "npm install code-server@$VERSION failed (full log: $CACHE/code-server-install.log)"; }
  [ -x "$CS_BIN" ] || die "code-server binary missing after install: $CS_BIN"
  echo "$VERSION" > "$MARKER"
fi
# (XDG_CONFIG_HOME: code-server writes a default config file on every start; keep it out of $HOME.)
CS_VERSION_OUT="$(XDG_CONFIG_HOME="$CACHE/xdg-config" "$CS_BIN" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+' | head -1)" \
  && [ -n "$CS_VERSION_OUT" ] || die "code-server does not start: $CS_BIN --version failed (delete $CS_DIR and re-run)"
log "code-server: $CS_VERSION_OUT"

# --- 3. playwright-core + Chromium ---------------------------------------------
if ! (cd "$ROOT" && node -e "require.resolve('playwright-core')" >/dev/null 2>&1); then
  die "playwright-core is not installed in the project: run 'npm ci' (or 'npm install') first"
fi
CHROMIUM_VERSION="$("$CHROMIUM" --headless --no-sandbox --version 2>/dev/null | head -1)" || die "$CHROMIUM --version failed"
log "chromium: $CHROMIUM_VERSION"

# A small file the test scripts read to find things.
cat > "$CACHE/host.json" <<JSON
{ "codeServer": "$CS_BIN", "codeServerVersion": "$VERSION", "chromium": "$CHROMIUM" }
JSON
log "done in $(( $(date +%s) - START ))s"
