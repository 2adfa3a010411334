#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into the compose stack (README: "Backups"), replacing what the stack
# holds: the forum's MongoDB database "forum" and Keycloak's PostgreSQL database.
#
# Usage, from anywhere, with .env beside docker-compose.yml (the same KEYCLOAK_CLIENT_SECRET as when the backup was
# made: the restored realm holds it):
#   deploy/restore.sh <backup-directory> --yes
# It checks the files against SHA256SUMS; removes the forum nodes' containers (their search indexes are rebuilt)
# and stops Keycloak; starts MongoDB and PostgreSQL (a new
# machine's empty volumes are initialised then, with the forum's MongoDB user); restores MongoDB (mongorestore
# --drop: each collection of the backup replaces the collection of that name) and PostgreSQL (pg_restore --clean,
# in one transaction); then starts the whole stack. Keycloak does not import the realm file again over the
# restored realm (--import-realm skips a realm that exists).
set -euo pipefail

if [[ $# -ne 2 || "$2" != "--yes" ]]; then
  echo "usage: deploy/restore.sh <backup-directory> --yes   (replaces the stack's MongoDB and Keycloak data)" >&2
  exit 2
fi
backup="$(cd "$1" && pwd)"
project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$project_dir"

for file in mongo-forum.archive.gz keycloak.dump SHA256SUMS; do
  if [[ ! -s "$backup/$file" ]]; then
    echo "restore.sh: $backup/$file is missing or empty: not a complete backup" >&2
    exit 1
  fi
done
(cd "$backup" && sha256sum --check --quiet SHA256SUMS)

echo "restore.sh: removing the forum nodes' containers, stopping Keycloak"
# Removed, not only stopped: a node's search index lives in its container and knows how far it read the change log
# of the database being replaced; the new containers rebuild it from the restored database.
docker compose rm --stop --force forum-1 forum-2
docker compose stop keycloak
docker compose up -d --wait mongo keycloak-db

echo "restore.sh: MongoDB (database forum) <- $backup/mongo-forum.archive.gz"
# As in backup.sh, the root credentials are the container's own; single quotes keep this shell from expanding them.
docker compose exec -T mongo sh -c 'exec mongorestore --quiet --username "$MONGO_INITDB_ROOT_USERNAME" --password "$MONGO_INITDB_ROOT_PASSWORD" --authenticationDatabase admin --nsInclude "forum.*" --drop --archive --gzip' \
  < "$backup/mongo-forum.archive.gz"

echo "restore.sh: Keycloak's PostgreSQL (database keycloak) <- $backup/keycloak.dump"
# Copied into the container first: pg_restore reads a custom-format dump best from a file it can seek in.
docker compose cp "$backup/keycloak.dump" keycloak-db:/tmp/keycloak.dump
docker compose exec -T keycloak-db pg_restore --username keycloak --dbname keycloak --clean --if-exists \
  --no-owner --single-transaction --exit-on-error /tmp/keycloak.dump
docker compose exec -T keycloak-db rm -f /tmp/keycloak.dump

echo "restore.sh: starting the stack"
docker compose up -d
echo "restore.sh: done; check with: docker compose ps, then sign in and open a thread"
