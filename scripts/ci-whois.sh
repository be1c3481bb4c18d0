#!/usr/bin/env bash
# Installs Debian's GNU whois client for the footprint's real-client tests (test/footprint/gnu-whois.test.ts)
# when missing. Idempotent and quiet (scripts/ci-apt.sh).
set -euo pipefail
exec bash "$(dirname "$0")/ci-apt.sh" whois whois
