#!/usr/bin/env bash
# Installs the Debian packages workshopgen and its tests rely on:
# fonts with Arial's metrics (and DejaVu Sans to measure other fonts), poppler for PDF checks, LibreOffice to
# open decks, Chromium for HTML.
set -euo pipefail

packages=(fonts-liberation2 fonts-dejavu-core poppler-utils libreoffice-impress chromium)
if [ "${1:-}" = "--build-only" ]; then
  packages=(fonts-liberation2 fonts-dejavu-core)
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
