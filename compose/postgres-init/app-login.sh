#!/bin/sh
# The web app's database login: a member of the app role, which migrations grant what the app
# needs and no more (claimtracker/claims/dbroles.py, docs/operations.md). The postgres image
# runs this once, on the first start of an empty volume, as POSTGRES_USER (the owner, which
# runs migrations). On a volume created before it existed, run it by hand:
#
#     docker compose exec db sh /docker-entrypoint-initdb.d/app-login.sh
#
# Re-running it is harmless; it sets the login's password to APP_DB_PASSWORD again.
set -eu

# The default of DATABASE_APP_ROLE in claimtracker/settings.py (tests/test_docker_compose.py).
app_role=claimtracker_app

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v app_role="$app_role" -v login="${APP_DB_USER:?}" -v password="${APP_DB_PASSWORD:?}" <<'SQL'
-- Migration 0009 creates the app role too; the login needs it now, before any migrate.
SELECT format('CREATE ROLE %I NOLOGIN', :'app_role')
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_role') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'login')
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'login') \gexec
-- Only what the app role is granted: no superuser, no role or database creation.
ALTER ROLE :"login" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
GRANT :"app_role" TO :"login";
SQL
