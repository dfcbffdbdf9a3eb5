#!/usr/bin/env bash
# Installs every Debian package covermap's build, tests, fonts and examples need (Mapnik too: a test compares
# tiles with it); with --bench also the other peers the benchmarks compare against (geopandas) and GNU time.
# Idempotent: apt is called only for what is missing.
set -euo pipefail

packages=(
  # build
  cmake g++ make pkg-config
  # libraries (DESIGN.md: dependencies)
  libgdal-dev gdal-bin libproj-dev proj-data libgeos-dev libnetcdf-dev libicu-dev
  libcairo2-dev libpango1.0-dev libfontconfig-dev
  libsqlite3-dev libpng-dev zlib1g-dev libwebp-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libxxhash-dev
  # built-in boundaries and fonts for Chinese text
  gmt-dcw fonts-noto-cjk fontconfig
  # the South China Sea islands of the inset (GSHHG full-resolution shorelines)
  gmt-gshhg-full
  # tests (python3-mapnik: tests/app/tiles_mapnik_test.cpp compares tiles with Mapnik's, via /usr/bin/python3)
  libgtest-dev libgmock-dev libbenchmark-dev poppler-utils python3 python3-mapnik
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-geopandas python3-matplotlib time)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
