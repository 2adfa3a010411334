// Run by the mongo image once, when its data directory is empty (docker-compose.yml mounts this directory as
// /docker-entrypoint-initdb.d), as the root user: gives the forum a user of its own that may read and write the
// forum database and nothing else. The password comes from the container's environment (MONGO_FORUM_PASSWORD).
db.getSiblingDB('admin').createUser({
  user: 'forum',
  pwd: process.env.MONGO_FORUM_PASSWORD,
  roles: [{ role: 'readWrite', db: 'forum' }]
});
