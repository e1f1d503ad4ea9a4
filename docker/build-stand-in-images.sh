#!/usr/bin/env bash
# STAND-IN base images for machines that reach no image registry (CI here). Users keep using the official
# images: docker/Dockerfile still starts FROM quay.io/keycloak/keycloak, and compose.yaml names postgres, nginx
# and python. This script builds local images under exactly those names, from Debian packages only:
#   mfa-suite-stand-in/debian:bookworm      a Debian bookworm root made with debootstrap (the apt mirror this
#                                           machine uses), the base of the others
#   quay.io/keycloak/keycloak:<version>     laid out as the official image: /opt/keycloak from the
#                                           keycloak-quarkus-dist zip in the local Maven repository, user 1000
#                                           `keycloak`, kc.sh as entrypoint, Debian's headless JRE
#   postgres:<tag>, nginx:<tag>, python:<tag>   the tags docker/compose.yaml names, from Debian's postgresql-15,
#                                           nginx and python3; the environment variables and defaults of the
#                                           official images that compose.yaml and the tests use are honoured
# Every stand-in carries the label org.mfasuite.stand-in=true. An image already present under one of the names
# is reused (an official one is never replaced); --rebuild rebuilds the stand-ins (not the Debian base).
# Needs root (debootstrap) and a running engine. Usage, from anywhere:
#   docker/build-stand-in-images.sh [--rebuild]
set -euo pipefail
cd "$(dirname "$0")/.."

DOCKER=${DOCKER:-docker}
BASE=mfa-suite-stand-in/debian:bookworm
LABEL=org.mfasuite.stand-in
REBUILD=false
[ "${1:-}" = --rebuild ] && REBUILD=true

say() { printf '[stand-in] %s\n' "$*" >&2; }
have() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }
stand_in() { [ "$("$DOCKER" image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null)" = true ]; }

# The Debian mirror and security mirror this machine's apt uses (deb822 .sources or one-line lists).
mirror_for() { # $1: suite (bookworm | bookworm-security)
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk -v suite="$1" 'BEGIN{RS=""} $0 ~ ("Suites:[^\n]*[ \t]" suite "([ \t\n]|$)") {
            for (i = 1; i <= NF; i++) if ($i == "URIs:") { print $(i+1); exit } }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk -v suite="$1" '$1 == "deb" && $0 !~ /^#/ { for (i = 2; i < NF; i++) if ($(i+1) == suite && $i ~ /^(http|ftp|file)/) { print $i; exit } }' "$f"
    done
}
MIRROR=$(mirror_for bookworm | head -n 1)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY=$(mirror_for bookworm-security | head -n 1)
SECURITY=${SECURITY:-http://deb.debian.org/debian-security}

KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)}
M2=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
DIST=$M2/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# ---- the Debian bookworm base -------------------------------------------------------------------------------
if have "$BASE"; then
    say "$BASE present, reused"
else
    command -v debootstrap >/dev/null || { say "needs debootstrap (apt-get install debootstrap)"; exit 1; }
    say "debootstrap bookworm from $MIRROR (a few minutes)"
    debootstrap --variant=minbase bookworm "$WORK/root" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
        || { tail -n 20 "$WORK/debootstrap.log" >&2; exit 1; }
    cat >"$WORK/root/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY bookworm-security main
EOF
    rm -rf "$WORK"/root/var/cache/apt/archives/*.deb "$WORK"/root/var/lib/apt/lists/*
    tar -C "$WORK/root" --numeric-owner -c . | "$DOCKER" import \
        -c 'ENV LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        -c "LABEL $LABEL=true" -c 'CMD ["bash"]' - "$BASE" >/dev/null
    rm -rf "$WORK/root"
    say "$BASE built in $SECONDS s"
fi

# ---- the stand-ins ------------------------------------------------------------------------------------------
# build NAME DIR: the image NAME from DIR (its Dockerfile and files, written by the caller)
build() {
    local name=$1 dir=$2
    if have "$name" && ! stand_in "$name"; then
        say "$name present and not a stand-in (the official image?): kept"
        return
    fi
    if have "$name" && [ "$REBUILD" = false ]; then
        say "$name present (stand-in), reused"
        return
    fi
    say "building $name"
    local start=$SECONDS
    local fresh=()
    [ "$REBUILD" = true ] && fresh=(--no-cache)
    "$DOCKER" build -q "${fresh[@]}" --label "$LABEL=true" -t "$name" "$dir" >/dev/null \
        || { say "building $name failed"; exit 1; }
    say "$name built in $((SECONDS - start)) s"
}
# a Debian package install in one layer, without the lists afterwards; daemons are not started at install time
APT='printf "#!/bin/sh\nexit 101\n" >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d \
 && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends'
APT_END='&& rm -rf /var/lib/apt/lists/* /usr/sbin/policy-rc.d'

# Keycloak, laid out as quay.io/keycloak/keycloak: /opt/keycloak owned by 1000:0 and group-writable, user 1000
# `keycloak` (group `keycloak` with gid 0, as there), KC_RUN_IN_CONTAINER, ports 8080 8443 9000, kc.sh as
# entrypoint. The official image runs OpenJDK 21; Debian bookworm has 17, which Keycloak 26 runs on.
keycloak_image=quay.io/keycloak/keycloak:$KEYCLOAK_VERSION
if ! have "$keycloak_image" || { stand_in "$keycloak_image" && [ "$REBUILD" = true ]; }; then
    if [ ! -f "$DIST" ]; then # a fresh machine: Maven has not fetched the distribution yet
        ./mvnw -B -ntp -q -Dmaven.repo.local="$M2" dependency:get -Dtransitive=false \
            -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip"
    fi
    mkdir -p "$WORK/keycloak"
    unzip -q "$DIST" -d "$WORK/keycloak"
    mv "$WORK/keycloak/keycloak-$KEYCLOAK_VERSION" "$WORK/keycloak/opt-keycloak"
    mkdir -p "$WORK/keycloak/opt-keycloak/data"
    chmod -R g+rwX "$WORK/keycloak/opt-keycloak" # here, not in a RUN: one layer of the distribution, not two
    cat >"$WORK/keycloak/Dockerfile" <<EOF
FROM $BASE
RUN $APT openjdk-17-jre-headless $APT_END \
 && echo "keycloak:x:0:root" >>/etc/group \
 && echo "keycloak:x:1000:0:keycloak user:/opt/keycloak:/sbin/nologin" >>/etc/passwd
COPY --chown=1000:0 opt-keycloak /opt/keycloak
ENV KC_RUN_IN_CONTAINER=true
USER 1000
EXPOSE 8080 8443 9000
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
EOF
fi
build "$keycloak_image" "$WORK/keycloak"

# The images docker/compose.yaml names (the tests use the same tags).
images=$(sed -n 's/^[[:space:]]*image:[[:space:]]*\([^[:space:]]*\).*/\1/p' docker/compose.yaml | grep -v '\$' || true)
for image in $images; do
    dir=$WORK/${image%%:*}
    mkdir -p "$dir"
    case "${image%%:*}" in
    postgres)
        # PostgreSQL 15 (Debian bookworm's), whatever the tag says; docker-entrypoint.sh does what the official
        # image's does with POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, POSTGRES_INITDB_ARGS,
        # POSTGRES_HOST_AUTH_METHOD, PGDATA and /docker-entrypoint-initdb.d
        cp docker/stand-in/postgres-entrypoint.sh "$dir/docker-entrypoint.sh"
        cat >"$dir/Dockerfile" <<EOF
FROM $BASE
RUN mkdir -p /etc/postgresql-common/createcluster.d \
 && echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/no-main-cluster.conf \
 && $APT postgresql-15 $APT_END \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql /docker-entrypoint-initdb.d \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql && chmod 3777 /var/run/postgresql
COPY docker-entrypoint.sh /usr/local/bin/
ENV PATH=/usr/lib/postgresql/15/bin:\$PATH PGDATA=/var/lib/postgresql/data
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
EOF
        ;;
    nginx)
        # Debian's nginx 1.22 with the official image's layout: /etc/nginx/conf.d/*.conf inside http {}, logs to
        # the container's output, `nginx -g 'daemon off;'`
        cat >"$dir/Dockerfile" <<EOF
FROM $BASE
RUN $APT nginx-light $APT_END \
 && rm -f /etc/nginx/sites-enabled/default \
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
EOF
        ;;
    python)
        # Debian's Python 3.11 as `python` and `python3`
        cat >"$dir/Dockerfile" <<EOF
FROM $BASE
RUN $APT python3 python-is-python3 $APT_END
CMD ["python3"]
EOF
        ;;
    *)
        say "no stand-in known for $image (docker/compose.yaml): add one to $0"
        exit 1
        ;;
    esac
    build "$image" "$dir"
done
say "done in $SECONDS s:" $BASE "$keycloak_image" $images
