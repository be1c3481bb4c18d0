#!/usr/bin/env bash
# Installs the Debian tools that make and cross-check the detect captures (issue #13) when missing:
# GNU whois, dig (dnsutils), nmap, tcpdump and tcprewrite (tcpreplay). Used by
# test/detect/pcap/captures.test.ts to record captures live (scripts/make-detect-captures.sh).
# Idempotent and quiet: prints nothing when all are there; exits non-zero when they cannot be installed.
set -euo pipefail
missing=()
for pair in whois:whois dig:dnsutils nmap:nmap tcpdump:tcpdump tcprewrite:tcpreplay; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
export DEBIAN_FRONTEND=noninteractive
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else echo "ci-tools: not root and no sudo" >&2; exit 1; fi
fi
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for tool in whois dig nmap tcpdump tcprewrite; do command -v "$tool" >/dev/null 2>&1; done
