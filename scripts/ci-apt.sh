#!/usr/bin/env bash
# Installs the Debian packages that bring missing commands, in one apt-get run:
#   ci-apt.sh COMMAND:PACKAGE [COMMAND:PACKAGE ...]
# A COMMAND that starts with / is a file the package installs (a Python module, say), tested with -e.
# CI_APT_DEBCONF: a debconf selection answered up front, so an install never prompts.
# Idempotent and quiet: prints nothing when every command is there; exits non-zero when one cannot be installed.
set -euo pipefail
present() { if [ "${1:0:1}" = / ]; then [ -e "$1" ]; else command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; fi; }
missing=()
for row in "$@"; do
  command="${row%%:*}"
  present "$command" || missing+=("${row#*:}")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
export DEBIAN_FRONTEND=noninteractive
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else echo "ci-apt: not root and no sudo" >&2; exit 1; fi
fi
if [ -n "${CI_APT_DEBCONF:-}" ]; then
  echo "$CI_APT_DEBCONF" | $sudo debconf-set-selections 2>/dev/null || true
fi
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for row in "$@"; do present "${row%%:*}"; done
