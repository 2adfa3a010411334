# The forum as one container: `docker compose up` builds it (see docker-compose.yml), or
#   docker build -t ngo-forum . && docker run -p 8080:8080 -e MONGO_URI=... -e KEYCLOAK_URL=... ngo-forum

# ---- build: the shaded jar ----------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Dependencies first, in their own layer: editing the code does not download the world again.
# -DskipKeycloak: the 177 MB Keycloak distribution is for the local run command only; compose runs its own image.
COPY pom.xml .
RUN mvn -B -q -DskipKeycloak=true dependency:go-offline

COPY src src
COPY webroot webroot
RUN mvn -B -DskipTests -DskipKeycloak=true package

# ---- runtime: a JRE and the jar, as a user without privileges -----------------------------------------------
FROM eclipse-temurin:17-jre

# The health check uses curl. eclipse-temurin's Ubuntu images ship it today ("required for historical reasons",
# adoptium/containers#255); install it only if a future base image drops it, so the check never breaks silently.
RUN command -v curl >/dev/null 2>&1 \
  || (apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*)

RUN groupadd --gid 10001 forum \
  && useradd --uid 10001 --gid forum --no-create-home --home-dir /app --shell /usr/sbin/nologin forum \
  && mkdir -p /app/data \
  && chown -R forum:forum /app
WORKDIR /app

COPY --from=build --chown=forum:forum /build/target/ngo-forum-*-all.jar /app/app.jar

# FORUM_DATA_DIR must be writable by the forum user; with MONGO_URI and KEYCLOAK_URL set (compose) it holds only
# the node's search index (derived data, rebuilt from MongoDB when the container is new), without them also the
# embedded store.
ENV FORUM_HTTP_PORT=8080 \
    FORUM_DATA_DIR=/app/data

USER forum
# 8080: HTTP. 5701: Hazelcast, when FORUM_CLUSTER=true (the clustered event bus picks its own port and tells
# the other nodes through Hazelcast).
EXPOSE 8080 5701

# /health answers 200 while MongoDB answers, 503 otherwise (Keycloak being away does not make it unhealthy).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${FORUM_HTTP_PORT}/health" || exit 1

# The JVM's container default gives the heap a quarter of the memory limit; the forum is the only process here.
# The module flags are the ones Hazelcast asks for (FORUM_CLUSTER=true); without them it runs, slower and warning.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", \
  "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", \
  "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", \
  "--add-opens", "java.management/sun.management=ALL-UNNAMED", \
  "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", \
  "-jar", "/app/app.jar"]
