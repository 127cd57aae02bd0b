#!/usr/bin/env bash
# Checks the built seed portal the way readers and their browsers meet it:
# builds the site twice (domain root and the
# /innovation/ sub-path) into target/browser/, serves both with nginx on
# loopback (with docs/nginx.conf, the configuration docs/deploy.md gives), runs check.mjs (crawler, axe-core, Nu HTML Checker, journeys,
# 375 px layout, console, network, page weight, screenshots) and stops nginx.
#
# Needs: cargo, node + npm, java (17+), /usr/bin/chromium and nginx (.ci/run
# installs the last two). Environment:
#   GAZETTE_BIN   use this gazette binary (CI: the debug one cargo test built)
#                 instead of `cargo build --release`
#   BROWSER_PORT  nginx port on 127.0.0.1 (default: a free one)
#   AXE_EVERY_PAGE=0  axe only one page per template (quicker local runs)
# Output: target/browser/ (sites, nginx logs, report.json) and
# target/screenshots/ (one PNG per template, language and width).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$repo/target/browser"
mkdir -p "$out"

echo "== browser checks: npm packages"
cd "$here"
# Reinstall only when the lock file changed since the last install.
if ! cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock
fi

port="${BROWSER_PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"

echo "== browser checks: build the site twice (root and /innovation/) on port $port"
cd "$repo"
if [ -z "${GAZETTE_BIN:-}" ]; then
  cargo build --release --quiet
  GAZETTE_BIN="$repo/target/release/gazette"
fi
"$GAZETTE_BIN" --quiet build --root "$repo" --out "$out/site-root" --base-url "http://127.0.0.1:$port/"
"$GAZETTE_BIN" --quiet build --root "$repo" --out "$out/site-sub" --base-url "http://127.0.0.1:$port/innovation/"

echo "== browser checks: nginx on 127.0.0.1:$port"
ngx="$out/nginx"
rm -rf "$ngx" && mkdir -p "$ngx"
# The sub-path build is served by docs/nginx.conf itself, the configuration
# docs/deploy.md gives webmasters: its folder holding innovation/ is a
# link to the build, its port and host are the test's, and the domain-root
# build is one more location of the same server.
mkdir -p "$ngx/docroot"
ln -s "$out/site-sub" "$ngx/docroot/innovation"
sed -e "s|listen 80;|listen 127.0.0.1:$port;|" \
    -e "s|server_name example.gov.cn;|server_name localhost;|" \
    -e "s|/srv/gazette|$ngx/docroot|g" \
    -e "s|^    # Other locations of this host.$|    location / { root $out/site-root; index index.html; error_page 404 /404.html; }|" \
    "$repo/docs/nginx.conf" > "$ngx/site.conf"
grep -q "root $out/site-root;" "$ngx/site.conf"
cat > "$ngx/nginx.conf" <<CONF
# Written by tests/browser/run.sh: nginx's own settings around docs/nginx.conf.
worker_processes 1;
pid $ngx/nginx.pid;
error_log $ngx/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  types { application/manifest+json webmanifest; }
  access_log $ngx/access.log;
  client_body_temp_path $ngx/tmp-body;
  proxy_temp_path $ngx/tmp-proxy;
  fastcgi_temp_path $ngx/tmp-fastcgi;
  uwsgi_temp_path $ngx/tmp-uwsgi;
  scgi_temp_path $ngx/tmp-scgi;
  sendfile on;
  include $ngx/site.conf;
}
CONF
if [ "$(id -u)" = 0 ]; then sed -i '1a user root;' "$ngx/nginx.conf"; fi
nginx -t -q -p "$ngx" -c "$ngx/nginx.conf" -e "$ngx/error.log"
nginx -p "$ngx" -c "$ngx/nginx.conf" -e "$ngx/error.log"
stop_nginx() {
  if [ -f "$ngx/nginx.pid" ]; then kill "$(cat "$ngx/nginx.pid")" 2>/dev/null || true; fi
}
trap stop_nginx EXIT
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

echo "== browser checks: chromium, axe-core, Nu HTML Checker"
cd "$here"
BROWSER_PORT="$port" SITE_DIR="$out" node check.mjs
