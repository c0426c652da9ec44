#!/usr/bin/env bash
# Installs the Debian packages workshopgen and its tests rely on:
# fonts with Arial's metrics (and DejaVu Sans to measure other fonts), poppler for PDF checks, LibreOffice to
# open decks, Chromium for HTML. The tests fail, naming the package, when any of these is missing.
#   --test        everything the tests need (the default; ./scripts/setup.sh --test runs this)
#   --build-only  only what building needs (the fonts)
#   --list        print the packages chosen, one a line, and install nothing
set -euo pipefail

test_packages=(fonts-liberation2 fonts-dejavu-core poppler-utils libreoffice-impress chromium)
build_packages=(fonts-liberation2 fonts-dejavu-core)
packages=("${test_packages[@]}")
list_only=false
for arg in "$@"; do
  case "$arg" in
    --test) packages=("${test_packages[@]}") ;;
    --build-only) packages=("${build_packages[@]}") ;;
    --list) list_only=true ;;
    *) echo "setup-system.sh: unknown option $arg (use --test, --build-only or --list)" >&2; exit 2 ;;
  esac
done
if $list_only; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
