#!/usr/bin/env bash
# Installs Debian's tshark for the pcap cross-check tests (test/detect/pcap/tshark.test.ts) when missing.
# Idempotent and quiet (scripts/ci-apt.sh); wireshark-common's "non-superusers may capture" question is answered no.
set -euo pipefail
CI_APT_DEBCONF="wireshark-common wireshark-common/install-setuid boolean false" exec bash "$(dirname "$0")/ci-apt.sh" tshark:tshark
