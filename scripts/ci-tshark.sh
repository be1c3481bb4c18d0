#!/usr/bin/env bash
# Installs Debian's tshark for the pcap cross-check tests (test/detect/pcap/tshark.test.ts) when missing.
# Idempotent and quiet: prints nothing when tshark is already there; exits non-zero when it cannot be installed.
set -euo pipefail
if command -v tshark >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else echo "ci-tshark: not root and no sudo" >&2; exit 1; fi
fi
# Answer the wireshark-common "non-superusers may capture" question up front so the install never prompts.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections 2>/dev/null || true
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends tshark >/dev/null
command -v tshark >/dev/null 2>&1
