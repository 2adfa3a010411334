#!/usr/bin/env bash
# Backs up the compose stack's data into a dated directory (README: "Backups"):
#   mongo-forum.archive.gz  the forum's MongoDB database "forum" (threads, posts, profiles, uploads in GridFS, ...):
#                           mongodump --archive --gzip, run in the mongo container as its root user
#   keycloak.dump           Keycloak's PostgreSQL database (accounts, roles, sessions' settings, the realm):
#                           pg_dump --format=custom, run in the keycloak-db container, one consistent snapshot
#   SHA256SUMS, manifest.txt
#
# Usage, from anywhere, with the stack running and its .env beside docker-compose.yml:
#   deploy/backup.sh [--stop-forum] [backup-root]      (backup-root: ./backups beside docker-compose.yml)
# --stop-forum stops the forum nodes for the MongoDB dump (a few seconds of downtime) so that the dump is one moment
# of the forum; without it the forum keeps serving and a write made during the dump may be only partly in it.
# The directory is named for the UTC time, written as <name>.part and renamed once complete; it holds personal
# data: it is made readable by its owner only. Copy it off this machine (and keep .env, with the same secrets,
# somewhere safe: a restored Keycloak expects the same KEYCLOAK_CLIENT_SECRET).
set -euo pipefail

stop_forum=false
if [[ "${1:-}" == "--stop-forum" ]]; then
  stop_forum=true
  shift
fi
project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
backup_root="${1:-$project_dir/backups}"
cd "$project_dir"

umask 077
name="$(date -u +%Y%m%d-%H%M%SZ)"
mkdir -p "$backup_root"
target="$backup_root/$name"
part="$target.part"
if [[ -e "$target" || -e "$part" ]]; then
  echo "backup.sh: $target exists already; wait a second and run again" >&2
  exit 1
fi
mkdir "$part"

forum_nodes=(forum-1 forum-2)
restart_forum() {
  docker compose start "${forum_nodes[@]}"
}
if [[ "$stop_forum" == true ]]; then
  trap restart_forum EXIT
  docker compose stop "${forum_nodes[@]}"
fi

echo "backup.sh: MongoDB (database forum) -> $part/mongo-forum.archive.gz"
# The root user's name and password are the container's own (MONGO_INITDB_ROOT_*): they never appear on this
# machine's command lines. Single quotes: the container's shell expands them, not this one.
docker compose exec -T mongo sh -c 'exec mongodump --quiet --username "$MONGO_INITDB_ROOT_USERNAME" --password "$MONGO_INITDB_ROOT_PASSWORD" --authenticationDatabase admin --db forum --archive --gzip' \
  > "$part/mongo-forum.archive.gz"

if [[ "$stop_forum" == true ]]; then
  trap - EXIT
  restart_forum
fi

echo "backup.sh: Keycloak's PostgreSQL (database keycloak) -> $part/keycloak.dump"
docker compose exec -T keycloak-db pg_dump --username keycloak --dbname keycloak --format=custom \
  > "$part/keycloak.dump"

for file in mongo-forum.archive.gz keycloak.dump; do
  if [[ ! -s "$part/$file" ]]; then
    echo "backup.sh: $file is empty: the backup failed" >&2
    exit 1
  fi
done

{
  echo "NGO Forum backup, made $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname)"
  echo "forum stopped during the MongoDB dump: $stop_forum"
  echo "mongo: $(docker compose exec -T mongo mongod --version | head -n 1)"
  echo "keycloak-db: $(docker compose exec -T keycloak-db postgres --version)"
  echo "restore with: deploy/restore.sh $target"
} > "$part/manifest.txt"
(cd "$part" && sha256sum mongo-forum.archive.gz keycloak.dump > SHA256SUMS)

mv "$part" "$target"
echo "backup.sh: done: $target"
