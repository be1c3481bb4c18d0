#!/usr/bin/env bash
# Installs the Debian tools that tests use as real peers, when missing (one apt-get run for all).
# Each row: the command the tests look for, the package that brings it, and who needs it. Tests that need
# a missing tool skip with a message naming this script. Idempotent and quiet (scripts/ci-apt.sh); non-zero when it cannot install.
set -euo pipefail
TOOLS=(
  "whois:whois"            # GNU whois: footprint's real-client test, detect's live capture (test/footprint/gnu-whois, test/detect/pcap/captures)
  "dig:dnsutils"           # NXDOMAIN/AXFR bursts in the detect captures
  "nmap:nmap"              # the port scans that must not count as lookups (detect captures)
  "tcpdump:tcpdump"        # records the captures on lo
  "tcprewrite:tcpreplay"   # rewrites the captured server address to a public one
  "dnsmasq:dnsmasq-base"   # a DNS server we did not write (test/lookup/issue-19-real-tools); -base: no service started
  "python3:python3"        # a hostile port-43 server we did not write (same test)
  "openssl:openssl"        # the self-signed certificate of the loopback HTTPS RDAP server (test/net/rdap-transport)
  "dnstwist:dnstwist"      # lookalike parity per fuzzer and bench:lookalikes (test/defend/lookalikes)
  "/usr/lib/python3/dist-packages/idna/__init__.py:python3-idna"  # dnstwist's IDNA 2008 check, a Recommends that --no-install-recommends leaves out: without it dnstwist lists names such as my--bank-online.co.uk that IDNA refuses (the parity test)
  "/usr/lib/python3/dist-packages/whois/__init__.py:python3-whois"  # a real client reading what `serve` answers (test/serve)
  "dovecot:dovecot-imapd"  # a real IMAP server for `canary check --imap` (test/serve/canary)
  "chromium:chromium"      # the console's end-to-end tests through playwright-core (test/console)
  "redis-server:redis-server"  # BullMQ's Redis for the scale-out tests (test/scale)
)
exec bash "$(dirname "$0")/ci-apt.sh" "${TOOLS[@]}"
