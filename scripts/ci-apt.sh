#!/usr/bin/env bash
# Installs a Debian package some tests need when its command is missing:
#   ci-apt.sh COMMAND PACKAGE [DEBCONF-SELECTION]
# Idempotent and quiet: prints nothing when COMMAND is already there; exits non-zero when it cannot be installed.
set -euo pipefail
command="$1"
package="$2"
selection="${3:-}"
if command -v "$command" >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else echo "ci-apt: not root and no sudo" >&2; exit 1; fi
fi
# A package that asks a question at install time gets its answer up front, so the install never prompts.
if [ -n "$selection" ]; then
  echo "$selection" | $sudo debconf-set-selections 2>/dev/null || true
fi
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "$package" >/dev/null
command -v "$command" >/dev/null 2>&1
