#!/usr/bin/env bash
# Headless Chromium for the browser tests (tests/browser), from the distribution's packages.
#
#   eval "$(.ci/chromium.sh)"     # prints `export OPENTASKS_CHROMIUM=/path/to/chromium`
#
# Playwright drives it as its executable: Playwright's own browser download is not used, so the
# tests need nothing but Debian's `chromium` package. When no Chromium is on the machine and
# apt-get can be run (as root or through sudo), it is installed; otherwise the script says why on
# stderr, prints nothing, and the browser tests skip with that reason.
set -euo pipefail

log() { printf 'chromium.sh: %s\n' "$*" >&2; }

find_chromium() {
    local name
    if [[ -n ${OPENTASKS_CHROMIUM:-} && -x ${OPENTASKS_CHROMIUM} ]]; then
        printf '%s\n' "$OPENTASKS_CHROMIUM"
        return 0
    fi
    for name in chromium chromium-browser; do
        if command -v "$name" >/dev/null 2>&1; then
            command -v "$name"
            return 0
        fi
    done
    return 1
}

install_chromium() {
    command -v apt-get >/dev/null 2>&1 || { log "no Chromium and no apt-get to install it"; return 1; }
    local sudo=()
    if [[ $(id -u) != 0 ]]; then
        command -v sudo >/dev/null 2>&1 || { log "installing Chromium needs root (or sudo)"; return 1; }
        sudo=(sudo)
    fi
    log "installing Chromium from the distribution's packages"
    "${sudo[@]}" apt-get update -qq >&2 || return 1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends chromium fonts-dejavu-core >&2 || return 1
}

path=$(find_chromium) || { install_chromium && path=$(find_chromium); } || {
    log "Chromium is not available; the browser tests will be skipped"
    exit 0
}
log "using $("$path" --version 2>/dev/null || echo "$path")"
printf 'export OPENTASKS_CHROMIUM=%q\n' "$path"
