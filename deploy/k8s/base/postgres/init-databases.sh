#!/usr/bin/env bash
# Creates one login role and one database per service, each database owned by its service's role:
#   inventory-service -> role "inventory", database "inventory"
#   order-service     -> role "orders",    database "orders"
#
# Run by the official postgres image from /docker-entrypoint-initdb.d, once, when the data directory is empty
# (a first start). Changing a password later is an ALTER ROLE, not a re-run of this script.
#
# Passwords come from the environment (never from this file): INVENTORY_DB_PASSWORD and ORDERS_DB_PASSWORD.
# POSTGRES_USER and POSTGRES_DB are set by the image's entrypoint.
#
# deploy/k8s/base/postgres/init-databases.sh must be a byte-for-byte copy of this file (kustomize cannot read files
# outside its root); deploy-tests checks it.
#
# The body runs in a subshell: the entrypoint executes this file when it is executable, but sources it otherwise,
# and sourced shell options (set -u) would leak into the entrypoint.
(
  set -euo pipefail

  : "${INVENTORY_DB_PASSWORD:?set INVENTORY_DB_PASSWORD (password of the inventory role)}"
  : "${ORDERS_DB_PASSWORD:?set ORDERS_DB_PASSWORD (password of the orders role)}"

  create_service_database() {
    local database="$1" role="$2" password="$3"
    echo "init-databases: creating role ${role} and database ${database}"
    # psql variables (:"x" quotes an identifier, :'x' a literal) keep the password out of the SQL text and out of
    # `ps`. CREATE DATABASE cannot run inside a transaction, so each statement runs on its own.
    psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
      --set=database="$database" --set=role="$role" --set=password="$password" <<'SQL'
CREATE ROLE :"role" WITH LOGIN PASSWORD :'password';
CREATE DATABASE :"database" WITH OWNER :"role";
-- Only the owning role (and superusers) may connect: one service cannot read the other's data.
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL
  }

  create_service_database inventory inventory "$INVENTORY_DB_PASSWORD"
  create_service_database orders orders "$ORDERS_DB_PASSWORD"
)
