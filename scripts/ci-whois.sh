#!/usr/bin/env bash
# Installs Debian's GNU whois client for the footprint's real-client tests (test/footprint/gnu-whois.test.ts)
# when missing. Idempotent and quiet: prints nothing when whois is already there; exits non-zero when it cannot be installed.
set -euo pipefail
if command -v whois >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else echo "ci-whois: not root and no sudo" >&2; exit 1; fi
fi
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends whois >/dev/null
command -v whois >/dev/null 2>&1
