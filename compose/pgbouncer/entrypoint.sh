#!/bin/sh
# Start PgBouncer with pgbouncer.ini, its @...@ values taken from the environment:
#   DB_HOST, DB_PORT            the PostgreSQL server (default db:5432)
#   LISTEN_ADDR, LISTEN_PORT    where clients connect (default 0.0.0.0:6432)
#   PGBOUNCER_USERS             "name:password" pairs, space-separated: the logins clients use,
#                               the same as PostgreSQL's (PgBouncer signs in as them)
#   CONFIG_DIR                  where the filled-in files go (default /etc/pgbouncer)
# The compose service runs it; so does tests/test_pgbouncer.py, against the test server.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
config=${CONFIG_DIR:-/etc/pgbouncer}
sed -e "s|@DB_HOST@|${DB_HOST:-db}|" -e "s|@DB_PORT@|${DB_PORT:-5432}|" \
    -e "s|@LISTEN_ADDR@|${LISTEN_ADDR:-0.0.0.0}|" -e "s|@LISTEN_PORT@|${LISTEN_PORT:-6432}|" \
    -e "s|@CONFIG_DIR@|$config|" "${PGBOUNCER_INI:-$here/pgbouncer.ini}" >"$config/pgbouncer.ini"
umask 077
: >"$config/userlist.txt"
for pair in ${PGBOUNCER_USERS:?set PGBOUNCER_USERS to name:password pairs}; do
    printf '"%s" "%s"\n' "${pair%%:*}" "${pair#*:}" >>"$config/userlist.txt"
done
exec pgbouncer "$config/pgbouncer.ini"
