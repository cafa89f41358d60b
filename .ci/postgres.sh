#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the test suites.
#
#   eval "$(.ci/postgres.sh start)"               # prints `export` lines; logs go to stderr
#   python -m nox -s tests                        # runs every database test on PostgreSQL too
#   .ci/postgres.sh stop "$OPENTASKS_PG_DIR"      # stops the cluster and deletes its files
#
# `start` installs PostgreSQL's server from the distribution's packages (apt-get) when no server
# binary is usable yet, makes a cluster in a new temporary folder, starts it on 127.0.0.1 with
# trust authentication (nothing but this machine can reach it, and it holds only test data) and
# creates a database. It exports:
#   OPENTASKS_TEST_POSTGRES_URL  postgresql+asyncpg://postgres@127.0.0.1:<port>/opentasks
#   OPENTASKS_PG_DIR             the cluster's folder, for `stop`
# OPENTASKS_PG_PORT picks the port (default: a free one).
#
# The cluster trades durability for speed (fsync off): it is deleted after the run anyway.
set -euo pipefail

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# Print the folder of a usable server (postgres, initdb and pg_ctl), newest version first.
server_bindir() {
    local dir candidates=()
    # Debian and Ubuntu keep each major version in /usr/lib/postgresql/<version>/bin, and put only
    # client wrappers on PATH; elsewhere (Homebrew, source builds) initdb is on PATH.
    mapfile -t candidates < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r)
    if command -v initdb >/dev/null 2>&1; then
        candidates+=("$(dirname "$(readlink -f "$(command -v initdb)")")")
    fi
    for dir in "${candidates[@]}"; do
        if [[ -x $dir/postgres && -x $dir/initdb && -x $dir/pg_ctl ]]; then
            printf '%s\n' "$dir"
            return 0
        fi
    done
    return 1
}

install_server() {
    command -v apt-get >/dev/null 2>&1 ||
        die "no PostgreSQL server found and no apt-get to install one; install PostgreSQL's server"
    local sudo=()
    if [[ $(id -u) != 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "installing PostgreSQL needs root (or sudo)"
        sudo=(sudo)
    fi
    log "installing PostgreSQL from the distribution's packages"
    # Debian's package would create and start a default cluster on port 5432; the tests use
    # their own, so ask it not to (the documented switch of postgresql-common).
    if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
        "${sudo[@]}" mkdir -p /etc/postgresql-common
        echo "create_main_cluster = false" |
            "${sudo[@]}" tee /etc/postgresql-common/createcluster.conf >/dev/null
    fi
    "${sudo[@]}" apt-get update -qq >&2
    # --force-confold keeps the file written above instead of asking about it.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends -o Dpkg::Options::=--force-confold postgresql >&2
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Run a server program as the cluster's owner: `postgres` when we are root (PostgreSQL refuses
# to run as root), ourselves otherwise.
as_owner() {
    if [[ $(id -u) == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local bindir dir port attempt url
    bindir=$(server_bindir) || { install_server; bindir=$(server_bindir); } ||
        die "PostgreSQL was installed but no server binary was found"
    log "using $("$bindir/postgres" --version)"
    if [[ $(id -u) == 0 ]] && ! id postgres >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home postgres
    fi

    dir=$(mktemp -d "${TMPDIR:-/tmp}/opentasks-pg.XXXXXX")
    chmod 700 "$dir"
    if [[ $(id -u) == 0 ]]; then
        chown postgres: "$dir"
    fi
    # From here on a failure leaves nothing running and no folder behind.
    trap 'stop "$dir" || true' EXIT

    as_owner "$bindir/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
        --encoding=UTF8 --locale=C --no-sync --no-instructions >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; die "initdb failed"; }

    # A free port can be taken between choosing and binding it: try a few.
    for attempt in 1 2 3; do
        port=${OPENTASKS_PG_PORT:-$(free_port)}
        if as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait \
            --timeout=60 --silent start --options="-c listen_addresses=127.0.0.1 -c port=$port \
-c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
-c max_connections=300" >&2; then
            break
        fi
        cat "$dir/server.log" >&2 || true
        [[ $attempt == 3 || -n ${OPENTASKS_PG_PORT:-} ]] && die "the cluster did not start"
    done

    as_owner "$bindir/createdb" --host=127.0.0.1 --port="$port" --username=postgres opentasks
    url="postgresql+asyncpg://postgres@127.0.0.1:$port/opentasks"
    trap - EXIT
    log "PostgreSQL is listening on 127.0.0.1:$port (cluster in $dir)"
    printf 'export OPENTASKS_PG_DIR=%q\n' "$dir"
    printf 'export OPENTASKS_TEST_POSTGRES_URL=%q\n' "$url"
}

stop() {
    local dir=${1:-${OPENTASKS_PG_DIR:-}} bindir
    [[ -n $dir ]] || die "usage: $0 stop DIR (or set OPENTASKS_PG_DIR)"
    [[ -d $dir ]] || return 0
    if [[ -f $dir/data/postmaster.pid ]] && bindir=$(server_bindir); then
        # Immediate: the cluster is thrown away, so nothing needs flushing.
        as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait --silent stop \
            >&2 || true
    fi
    rm -rf -- "$dir"
    log "stopped and removed $dir"
}

case ${1:-} in
start) start ;;
stop) stop "${2:-}" ;;
*) die "usage: $0 start | stop [DIR]" ;;
esac
