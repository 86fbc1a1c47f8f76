#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK: Debian's python3-grpcio (the Python gRPC peer) and
# Debian's chromium and chromium-driver (the console's browser tests), and
# the npm packages of tests/interop/node (the @grpc/grpc-js peer and an independent reflection client).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "install-peers: need root (or sudo) to run: $*" >&2; return 1; fi
}

debian_packages=()
/usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null || debian_packages+=(python3-grpcio python3-protobuf)
command -v node >/dev/null 2>&1 || debian_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || debian_packages+=(npm)
# The console's end-to-end tests drive Debian's chromium through its chromedriver (Selenium; no browser download).
[ -x /usr/bin/chromium ] || debian_packages+=(chromium)
[ -x /usr/bin/chromedriver ] || debian_packages+=(chromium-driver)
# A Chinese font, so the console's screenshots show the text (Debian's chromium brings none of its own).
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || debian_packages+=(fonts-wqy-zenhei)
if [ "${#debian_packages[@]}" -gt 0 ]; then
  echo "install-peers: apt-get install ${debian_packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debian_packages[@]}" >/dev/null
fi

(cd "$root/tests/interop/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "install-peers: python3-grpcio $(/usr/bin/python3 -c 'import grpc; print(grpc.__version__)'), node $(node --version), @grpc/grpc-js $(node -p 'require("'"$root"'/tests/interop/node/node_modules/@grpc/grpc-js/package.json").version')"
