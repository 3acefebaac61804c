#!/usr/bin/env bash
# Installs what building, running and testing Wijkkader needs on Debian 12:
# Debian packages with apt-get (only the missing ones) and the web app's npm packages.
# Usage: scripts/bootstrap.sh [run|test|bench|fuzz]
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-run}

packages=(build-essential cmake ninja-build pkg-config
          libboost-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libsodium-dev
          libspdlog-dev libfmt-dev libcli11-dev libxlsxwriter-dev libstemmer-dev libcmark-gfm-dev \
          libcmark-gfm-extensions-dev nodejs
          # The report's PDF is printed by headless Chromium at run time, with fonts that
          # have the euro sign and Dutch diacritics; poppler-utils tells the pages of its
          # chapters for the table of contents (docs/operations.md).
          chromium fonts-dejavu-core poppler-utils
          # The Dutch word list the search splits compound words with (decision 0009).
          wdutch)
case "$purpose" in
  test)  packages+=(libgtest-dev libgmock-dev postgresql curl sqlite3 python3-openpyxl clang-format) ;;
  bench) packages+=(libbenchmark-dev wrk nginx-light hyperfine sqlite3 curl) ;;
  # make fuzz: clang with libFuzzer. The runtime (libclang_rt.fuzzer) is only a
  # recommendation of clang, which --no-install-recommends below leaves out.
  fuzz)  packages+=(clang libclang-rt-dev) ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Debian splits npm from nodejs; a nodejs that ships npm itself needs no npm package.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages: reinstall only when the lock file changed since the last install.
stamp=web/node_modules/.wijkkader-lock
if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
  # npm ci installs exactly the lock file. Where the registry holds only this
  # platform's builds of optional native packages (rollup's), npm ci refuses a lock that
  # does not list the others; npm install then installs the same locked versions.
  (cd web && { npm ci --no-audit --no-fund --loglevel=silent 2>/dev/null ||
               npm install --no-audit --no-fund --loglevel=error; })
  cp web/package-lock.json "$stamp"
fi
