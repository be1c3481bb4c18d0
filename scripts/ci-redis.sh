#!/usr/bin/env bash
# Starts a throwaway Redis on 127.0.0.1 for the scale-out tests and prints its URL on stdout (as
# scripts/ci-postgres.sh does for PostgreSQL). Installs Debian's redis-server when missing. Its data and
# log live under /tmp; no persistence, protected mode on, nothing listens beyond loopback.
set -euo pipefail
port="${WHOISLENS_REDIS_PORT:-56379}"
# A port already taken (an earlier run's server still up) moves us to the next free one, up to 20 tries.
for _ in $(seq 20); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then port=$((port + 1)); else break; fi
done
if ! command -v redis-server >/dev/null 2>&1; then
  bash "$(dirname "$0")/ci-apt.sh" redis-server:redis-server >&2
fi
data="$(mktemp -d /tmp/whoislens-redis.XXXXXX)"
redis-server --bind 127.0.0.1 --port "$port" --dir "$data" --save "" --appendonly no \
  --daemonize yes --logfile "$data/log" --pidfile "$data/pid" >&2
for _ in $(seq 50); do
  if redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
    echo "redis://127.0.0.1:$port/0"
    exit 0
  fi
  sleep 0.1
done
echo "redis-server did not answer on 127.0.0.1:$port (log: $data/log)" >&2
exit 1
