#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK: Debian's python3-grpcio (the Python gRPC peer), the
# attachment readers (LibreOffice Writer, Tesseract with Simplified Chinese, poppler-utils' pdftoppm) with a Chinese
# font for LibreOffice to lay out the generated seed documents, and the npm packages of tests/interop/node (the
# @grpc/grpc-js peer and an independent reflection client).
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
# Attachment reading (services/Oversight.Documents) and the seed documents its tests make; without recommends, which
# would bring LibreOffice's Java and GUI parts.
document_packages=()
command -v soffice >/dev/null 2>&1 || document_packages+=(libreoffice-writer-nogui)
command -v tesseract >/dev/null 2>&1 || document_packages+=(tesseract-ocr)
ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 || document_packages+=(tesseract-ocr-chi-sim)
command -v pdftoppm >/dev/null 2>&1 || document_packages+=(poppler-utils)
command -v prlimit >/dev/null 2>&1 || document_packages+=(util-linux)
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || document_packages+=(fonts-wqy-zenhei)
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
if [ "${#document_packages[@]}" -gt 0 ]; then
  echo "install-peers: apt-get install --no-install-recommends ${document_packages[*]}"
  [ "${#debian_packages[@]}" -gt 0 ] || as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${document_packages[@]}" >/dev/null
fi

(cd "$root/tests/interop/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
grpc_js="$(node -p 'require("'"$root"'/tests/interop/node/node_modules/@grpc/grpc-js/package.json").version')"
office="$(soffice --version 2>/dev/null | head -1 | cut -d' ' -f1-2)"
ocr="tesseract $(tesseract --version 2>&1 | head -1 | cut -d' ' -f2)"
grpcio="$(/usr/bin/python3 -c 'import grpc; print(grpc.__version__)')"
echo "install-peers: python3-grpcio $grpcio, node $(node --version), @grpc/grpc-js $grpc_js, $office, $ocr"
