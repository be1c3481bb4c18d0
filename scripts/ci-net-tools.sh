#!/usr/bin/env bash
# Installs Debian's dnsmasq and python3 for the network tests that use a world we did not write in Node
# (test/lookup/issue-19-real-tools.test.ts: dnsmasq on loopback as the DNS server, a Python hostile
# server). Idempotent and quiet: prints nothing when both are there; exits non-zero when it cannot install.
set -euo pipefail
missing=()
command -v dnsmasq >/dev/null 2>&1 || [ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else echo "ci-net-tools: not root and no sudo" >&2; exit 1; fi
fi
$sudo apt-get update -qq >/dev/null
# dnsmasq-base: the binary without the system service (nothing listens on port 53 after the install).
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]/#dnsmasq/dnsmasq-base}" >/dev/null
