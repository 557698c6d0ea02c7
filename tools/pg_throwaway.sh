#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster (Debian's postgresql package) for the gateway tests.
#   tools/pg_throwaway.sh start DIR [--durable]  -> prints the SQLAlchemy URL on stdout
#     (tests run with fsync off; --durable keeps PostgreSQL's defaults, for load figures)
#   tools/pg_throwaway.sh stop DIR
# Runs the server as the `postgres` user when started as root; trust auth on loopback only.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?data directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
    echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 1
fi
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    durability="-c fsync=off -c synchronous_commit=off"
    [ "${3:-}" = "--durable" ] && durability=""
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $durability -c max_connections=300 -c shared_buffers=64MB" start >/dev/null
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt -c "CREATE DATABASE gateway" postgres >/dev/null
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/gateway"
    ;;
stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
