#!/usr/bin/env bash
# Regenerates the real-tool captures of test/detect/fixtures/captures/ (issue #13), loopback only:
#   whois-dig.pcap   GNU whois → the sandbox's port-43 server, then a dig NXDOMAIN burst and an AXFR
#                    attempt → the sandbox's DNS server (positive: a T1596 lookup, DNS enumeration)
#   nmap-ss.pcap.gz  nmap -sS -p 1-1000 (SYN scan; port 43 open)          (negative: scan evidence only)
#   nmap-st.pcap.gz  nmap -sT -p 1-1000 (connect scan; port 43 open)      (negative)
#   nmap-sv-43.pcap.gz nmap -sV -p 43 (service probes sent to port 43)      (negative)
# Servers listen on 127.0.0.2 (scripts/detect-captures/servers.mjs: the sandbox world, its WHOIS server
# relayed on port 43, its DNS server on port 53); the client side is 127.0.0.1. tcpdump records on `lo`;
# tcprewrite (Debian tcpreplay) then maps 127.0.0.2 to 203.0.113.43 (RFC 5737 TEST-NET-3) so the rules
# see an internal client and an external server, as on a real network. Scans keep only the client's SYNs
# on other ports and everything on port 43, to stay small.
# Needs root (ports 43/53, raw sockets, capture), node with `npm run build` done, and Debian's
# whois dnsutils nmap tcpdump tcpreplay (scripts/ci-tools.sh installs them).
# Usage: scripts/make-detect-captures.sh [OUT_DIR [NAME…]]   (default test/detect/fixtures/captures, all four;
# NAME is whois-dig, nmap-ss, nmap-st or nmap-sv-43)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-test/detect/fixtures/captures}"
shift || true
wanted=" ${*:-whois-dig nmap-ss nmap-st nmap-sv-43} "
mkdir -p "$out"
# The system's tools, not npm's: node_modules/.bin has a `whois` of its own (run under npx or npm test).
PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v node_modules | paste -sd: -)"
export PATH
for tool in node tcpdump nmap whois dig tcprewrite; do
  command -v "$tool" >/dev/null 2>&1 || { echo "make-detect-captures: $tool is missing (scripts/ci-tools.sh installs it)" >&2; exit 3; }
done
[ -f dist/server/index.js ] || { echo "make-detect-captures: run npm run build first" >&2; exit 3; }
# Another loopback address (CAPTURE_SERVER=127.0.9.9) lets two runs record at once (ports 43 and 53 are per address).
server="${CAPTURE_SERVER:-127.0.0.2}"
case "$server" in 127.*) ;; *) echo "make-detect-captures: CAPTURE_SERVER must be a 127.0.0.0/8 address" >&2; exit 2 ;; esac
[ "$server" = 127.0.0.1 ] && { echo "make-detect-captures: CAPTURE_SERVER must not be the client's 127.0.0.1" >&2; exit 2; }
external=203.0.113.43
work="$(mktemp -d)"
servers_pid=""
dump_pid=""
cleanup() {
  [ -n "$dump_pid" ] && kill "$dump_pid" 2>/dev/null || true
  [ -n "$servers_pid" ] && kill "$servers_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkfifo "$work/ready"
node scripts/detect-captures/servers.mjs "$server" >"$work/ready" </dev/null &
servers_pid=$!
read -r _ready <"$work/ready"

# capture NAME FILTER COMMAND…: records lo with FILTER while COMMAND runs, then rewrites the server address.
capture() {
  local name="$1" filter="$2"
  shift 2
  case "$wanted" in *" $name "*) ;; *) return 0 ;; esac
  tcpdump -i lo -U -s 1500 -w "$work/$name.raw" "$filter" 2>"$work/$name.tcpdump" &
  dump_pid=$!
  # tcpdump prints "listening on lo" once the capture runs (a loaded machine may take seconds).
  for _ in $(seq 1 300); do grep -q "listening on" "$work/$name.tcpdump" 2>/dev/null && break; sleep 0.1; done
  grep -q "listening on" "$work/$name.tcpdump" || { echo "make-detect-captures: tcpdump did not start" >&2; exit 4; }
  "$@" >"$work/$name.out" 2>&1 || true
  [ -n "${KEEP_LOGS:-}" ] && cp "$work/$name.out" "$out/$name.log"
  # Stop once the file has stopped growing (tcpdump -U writes each packet as it comes), at most 10 s.
  local size=-1
  for _ in $(seq 1 20); do
    sleep 0.5
    local now
    now="$(stat -c %s "$work/$name.raw" 2>/dev/null || echo 0)"
    [ "$now" = "$size" ] && break
    size="$now"
  done
  kill -INT "$dump_pid"
  wait "$dump_pid" 2>/dev/null || true
  dump_pid=""
  [ -n "${KEEP_LOGS:-}" ] && cp "$work/$name.tcpdump" "$out/$name.tcpdump.log"
  tcprewrite --infile="$work/$name.raw" --outfile="$out/$name.pcap" --pnat="$server/32:$external/32" --fixcsum
  echo "make-detect-captures: $out/$name.pcap ($(stat -c %s "$out/$name.pcap") bytes)"
}

lookups() {
  whois -h "$server" example.com
  whois -h "$server" -p 43 example.net
  for i in $(seq 1 25); do dig +tries=1 +time=2 @"$server" -p 53 "nosuch$i.example.com" A; done
  dig +tries=1 +time=2 @"$server" -p 53 example.com AXFR
}

capture whois-dig "host $server and (tcp port 43 or port 53)" lookups
scan_filter="host $server and (tcp port 43 or (tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn))"
capture nmap-ss "$scan_filter" nmap -n -Pn -sS -p 1-1000 "$server"
capture nmap-st "$scan_filter" nmap -n -Pn -sT -p 1-1000 "$server"
capture nmap-sv-43 "host $server and tcp port 43" nmap -n -Pn -sV -p 43 "$server"
# The scans are repetitive: gzip keeps them small (the readers decompress gzip by its magic bytes).
for name in nmap-ss nmap-st nmap-sv-43; do [ -f "$out/$name.pcap" ] && gzip -9 -f "$out/$name.pcap"; done
exit 0
