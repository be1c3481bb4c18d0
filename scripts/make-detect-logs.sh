#!/usr/bin/env bash
# Regenerates the DNS-server log fixtures of the detect readers (issue #13) with the real servers:
# Debian's bind9 (named), dnsmasq and unbound, each started on 127.0.0.1 with query logging and asked
# with dig. Loopback only: recursion is off or has no upstream, so lookups of WHOIS/RDAP servers fail
# (REFUSED/SERVFAIL/NXDOMAIN), which is fine — the query lines are logged all the same.
#   apt-get install -y bind9 dnsmasq-base unbound dnsutils
#   bash scripts/make-detect-logs.sh            # writes test/detect/fixtures/{bind,dnsmasq,unbound}-*.log
# The tests pin the committed logs (times, ports, line numbers, counters): after regenerating, update
# test/detect/readers/families.test.ts to the new files. The tests never run these servers themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=test/detect/fixtures
for tool in named dnsmasq unbound dig; do
  command -v "$tool" >/dev/null 2>&1 || { echo "make-detect-logs: $tool missing (apt-get install bind9 dnsmasq-base unbound dnsutils)" >&2; exit 1; }
done
TMP="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT

# The names asked: WHOIS and RDAP servers (the signal), ordinary names (noise), a missing name (NXDOMAIN).
NAMES=(whois.verisign-grs.com rdap.org whois.iana.org rdap.verisign.com www.wikipedia.org intranet.corp.example nosuch.corp.example)
ask() { # port name type
  dig @127.0.0.1 -p "$1" +tries=1 +time=1 "$2" "$3" >/dev/null 2>&1 || true
}
wait_port() { for _ in $(seq 50); do dig @127.0.0.1 -p "$1" +tries=1 +time=1 probe.corp.example >/dev/null 2>&1 && return 0; sleep 0.2; done; return 1; }

# --- BIND 9: the queries category to two channels (all print-* options, and none), one view ---
mkdir -p "$TMP/bind"
cat > "$TMP/bind/corp.zone" <<'ZONE'
$TTL 300
@ IN SOA ns.corp.example. hostmaster.corp.example. 1 3600 600 86400 300
@ IN NS ns.corp.example.
ns IN A 127.0.0.1
intranet IN A 10.0.0.10
ZONE
cat > "$TMP/bind/named.conf" <<CONF
options { directory "$TMP/bind"; listen-on port 5301 { 127.0.0.1; }; listen-on-v6 { none; }; recursion no; pid-file "$TMP/bind/named.pid"; dnssec-validation no; };
logging {
  channel full { file "$TMP/bind/query-full.log"; print-time yes; print-category yes; print-severity yes; severity info; };
  channel bare { file "$TMP/bind/query-bare.log"; print-time no; severity info; };
  category queries { full; bare; };
  category default { null; };
};
view "internal" { match-clients { any; }; zone "corp.example" { type primary; file "$TMP/bind/corp.zone"; }; };
CONF
named -c "$TMP/bind/named.conf" -f -n 1 >/dev/null 2>&1 &
PIDS+=($!)
wait_port 5301
for n in "${NAMES[@]}"; do ask 5301 "$n" A; done
ask 5301 corp.example AXFR
ask 5301 rdap.org AAAA
kill "${PIDS[-1]}"; sleep 0.5

# --- dnsmasq: log-queries and log-queries=extra to a file; no upstream answers ---
for mode in plain extra; do
  lq="--log-queries"; [ "$mode" = extra ] && lq="--log-queries=extra"
  dnsmasq --no-daemon --port=5302 --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts \
    --server=127.0.0.1#5399 --address=/nosuch.corp.example/ --host-record=intranet.corp.example,10.0.0.10 \
    --host-record=probe.corp.example,10.0.0.11 --pid-file="$TMP/dnsmasq.pid" --user=root "$lq" --log-facility="$TMP/dnsmasq-$mode.log" >/dev/null 2>&1 &
  PIDS+=($!)
  wait_port 5302
  for n in "${NAMES[@]}"; do ask 5302 "$n" A; done
  ask 5302 intranet.corp.example A
  kill "${PIDS[-1]}"; sleep 0.5
done

# --- Unbound: log-queries + log-replies, epoch stamps and log-time-ascii ---
for mode in epoch ascii; do
  ascii=no; [ "$mode" = ascii ] && ascii=yes
  cat > "$TMP/unbound-$mode.conf" <<CONF
server:
  interface: 127.0.0.1
  port: 5303
  do-ip6: no
  username: ""
  chroot: ""
  directory: "$TMP"
  pidfile: "$TMP/unbound.pid"
  use-syslog: no
  logfile: "$TMP/unbound-$mode.log"
  log-time-ascii: $ascii
  log-queries: yes
  log-replies: yes
  verbosity: 0
  do-not-query-localhost: yes
  outgoing-range: 16
  local-zone: "corp.example." static
  local-data: "intranet.corp.example. A 10.0.0.10"
  local-data: "probe.corp.example. A 10.0.0.11"
  forward-zone: # no reachable upstream: recursion fails fast (SERVFAIL)
CONF
  printf '    name: "."\n    forward-addr: 127.0.0.1@5399\n' >> "$TMP/unbound-$mode.conf"
  unbound -d -c "$TMP/unbound-$mode.conf" >/dev/null 2>&1 &
  PIDS+=($!)
  wait_port 5303
  for n in "${NAMES[@]}"; do ask 5303 "$n" A; done
  kill "${PIDS[-1]}"; sleep 0.5
done

cp "$TMP/bind/query-full.log" "$OUT/bind-query-full.log"
cp "$TMP/bind/query-bare.log" "$OUT/bind-query-bare.log"
cp "$TMP/dnsmasq-plain.log" "$OUT/dnsmasq.log"
cp "$TMP/dnsmasq-extra.log" "$OUT/dnsmasq-extra.log"
cp "$TMP/unbound-epoch.log" "$OUT/unbound.log"
cp "$TMP/unbound-ascii.log" "$OUT/unbound-ascii.log"
wc -l "$OUT"/bind-query-*.log "$OUT"/dnsmasq*.log "$OUT"/unbound*.log
