# Shared by the scripts: go to the repository root and install what newsq needs to build.
# shellcheck shell=bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# The system libraries newsq links: ICU (word segmentation, normalization) and SQLite (FTS5);
# python3 runs the documentation examples check.
NEWSQ_APT_PACKAGES=(libicu-dev libsqlite3-dev pkg-config python3)
# A script that needs more (scripts/browser-test: chromium) lists it before sourcing this file.
NEWSQ_APT_PACKAGES+=("${NEWSQ_EXTRA_APT_PACKAGES[@]+"${NEWSQ_EXTRA_APT_PACKAGES[@]}"}")

ensure_system_packages() {
    local missing=()
    for package in "${NEWSQ_APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing ${missing[*]} ..." >&2
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_swift() {
    command -v swift >/dev/null 2>&1 || {
        echo "error: the Swift toolchain (6.1 or newer) is not on PATH; install it from swift.org first." >&2
        exit 1
    }
}

ensure_system_packages
ensure_swift
