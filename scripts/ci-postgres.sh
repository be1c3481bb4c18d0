#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for the store tests and prints its URL on stdout.
# Installs Debian's postgresql when missing. Everything it makes lives under /tmp; nothing listens beyond loopback.
set -euo pipefail
port="${WHOISLENS_PG_PORT:-55432}"
# A port already taken (an earlier run's server still up) moves us to the next free one, up to 20 tries.
for _ in $(seq 20); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then port=$((port + 1)); else break; fi
done
data="$(mktemp -d /tmp/whoislens-pg.XXXXXX)"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
chown postgres "$data"
runuser -u postgres -- "$bin/initdb" -D "$data" --auth=trust -U postgres >&2
runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$data/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data" start >&2
runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres whoislens_test >&2
echo "postgres://postgres@127.0.0.1:$port/whoislens_test"
