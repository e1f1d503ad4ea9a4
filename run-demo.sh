#!/usr/bin/env bash
# Builds the suite, fetches Keycloak (the version pinned in pom.xml) from Maven Central, installs the
# drop-in jar and the demo realm, and starts Keycloak in dev mode on its embedded database at
# http://localhost:8080 (admin / admin). No Docker; needs JDK 17 or newer.
#
#   ./run-demo.sh                  start (the demo's data survives restarts, in target/demo)
#   ./run-demo.sh --reset          wipe the demo's data first, so the realm is imported fresh
#   ./run-demo.sh --http-port=8180 --http-management-port=9180
#                                  any other argument goes to kc.sh start-dev
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '==> %s\n' "$*"; }
die() { printf 'run-demo.sh: %s\n' "$*" >&2; exit 1; }

# --- arguments: ours (--reset) are taken out; the ports and hostname are read, and passed on to kc.sh
reset=false
http_port=${KC_HTTP_PORT:-8080}
management_port=${KC_HTTP_MANAGEMENT_PORT:-9000}
hostname=${KC_HOSTNAME:-}
kc_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reset) reset=true ;;
    --http-port=*) http_port=${1#*=}; kc_args+=("$1") ;;
    --http-management-port=*) management_port=${1#*=}; kc_args+=("$1") ;;
    --hostname=*) hostname=${1#*=}; kc_args+=("$1") ;;
    --http-port|--http-management-port|--hostname)
      [ $# -ge 2 ] || die "$1 needs a value"
      case "$1" in
        --http-port) http_port=$2 ;;
        --http-management-port) management_port=$2 ;;
        --hostname) hostname=$2 ;;
      esac
      kc_args+=("$1" "$2"); shift ;;
    *) kc_args+=("$1") ;;
  esac
  shift
done
case "$http_port" in ''|*[!0-9]*) die "--http-port must be a number, got '$http_port'" ;; esac
case "$management_port" in ''|*[!0-9]*) die "--http-management-port must be a number, got '$management_port'" ;; esac

# Where the demo answers. --hostname may be a full URL (https://sso.example.com) or just a host name.
case "$hostname" in
  http://*|https://*) base_url=${hostname%/} ;;
  '') base_url=http://localhost:$http_port ;;
  *) base_url=http://$hostname:$http_port ;;
esac

# --- JDK 17 or newer (Maven and kc.sh use $JAVA_HOME/bin/java if JAVA_HOME is set, else java on PATH)
java_cmd=java
[ -n "${JAVA_HOME:-}" ] && java_cmd=$JAVA_HOME/bin/java
command -v "$java_cmd" >/dev/null 2>&1 \
  || die "no Java found ($java_cmd). Install JDK 17 or newer and put it on PATH (or set JAVA_HOME)."
java_version=$("$java_cmd" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
java_major=${java_version%%[.+-]*}
[ "$java_major" = 1 ] && { java_major=${java_version#1.}; java_major=${java_major%%.*}; }
case "$java_major" in ''|*[!0-9]*) die "cannot tell the version of $java_cmd ('$java_version'); JDK 17 or newer is needed." ;; esac
[ "$java_major" -ge 17 ] \
  || die "Java $java_version found ($java_cmd), but Keycloak needs JDK 17 or newer. Install one and put it on PATH (or set JAVA_HOME)."

# --- the HTTP port must be free (a Keycloak still running, or another server on 8080, is the usual cause)
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
! port_in_use "$http_port" \
  || die "port $http_port is already in use. Stop what runs there, or choose other ports: ./run-demo.sh --http-port=8180 --http-management-port=9180"

kc_version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
[ -n "$kc_version" ] || die "keycloak.version not found in pom.xml"
demo_dir=target/demo
kc_home=$demo_dir/keycloak-$kc_version

say "building the suite (./mvnw install, tests skipped)"
./mvnw -q -B -DskipTests install

if [ ! -x "$kc_home/bin/kc.sh" ]; then
  say "fetching Keycloak $kc_version from Maven Central (first run only, about 180 MB)"
  ./mvnw -q -B -N dependency:unpack -Dartifact="org.keycloak:keycloak-quarkus-dist:$kc_version:zip" \
    -DoutputDirectory="$demo_dir"
fi

if $reset; then
  say "resetting the demo: deleting $kc_home/data (database, SMS outbox)"
  rm -rf "$kc_home/data"
fi

say "installing the jar and the demo realm"
# Keycloak rebuilds itself (about 30 s) whenever the jar's timestamp changes, and every Maven build
# writes a new one: replace the installed jar only when its contents changed.
jar=authenticators/target/keycloak-mfa-suite.jar
installed=$kc_home/providers/keycloak-mfa-suite.jar
jar_digest() { unzip -v "$1" | awk 'NF == 8 && length($7) == 8 && $7 ~ /^[0-9a-f]+$/ { print $8, $7, $1 }' | sort; }
same_contents() {
  command -v unzip >/dev/null 2>&1 && [ -f "$2" ] || return 1
  local a b; a=$(jar_digest "$1"); b=$(jar_digest "$2")
  [ -n "$a" ] && [ "$a" = "$b" ]
}
same_contents "$jar" "$installed" || cp "$jar" "$installed"
mkdir -p "$kc_home/data/import"
cp realm-export/demo-realm.json "$kc_home/data/import/"

first_start=""
[ -d "$kc_home/data/h2" ] || first_start=", first start imports the demo realm"
say "starting Keycloak $kc_version at $base_url (dev mode$first_start; the addresses follow once it answers)"

# Print the addresses when Keycloak answers, below its start-up log (gives up if Keycloak stops).
outbox=$kc_home/data/mfa-outbox.jsonl
main_pid=$$
( (
  for _ in $(seq 1 600); do
    kill -0 "$main_pid" 2>/dev/null || exit 0
    if port_in_use "$http_port"; then
      cat <<MSG

  Keycloak $kc_version with the MFA Suite is running at $base_url
  Admin console: $base_url/admin   (admin / admin)
  Demo sign-in:  $base_url/realms/demo/account   (alice / alice: SMS code; bob / bob: registers a phone)
  Management:    http://localhost:$management_port   (health and metrics, when enabled)
  SMS codes of the demo appear in: $outbox
      tail -f $outbox
  Stop with Ctrl+C; the demo's data stays in $kc_home/data (./run-demo.sh --reset wipes it).

MSG
      exit 0
    fi
    sleep 1
  done
) & )   # detached, so that no zombie is left under Keycloak's process

export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
# --proxy-headers: the demo's "office network" policy can be tried with an X-Forwarded-For header. Only
# for a local demo: in production set it only behind a proxy that overwrites that header.
# mfa-geo: the demo's country database and anonymous-network list (documentation ranges only, see
# realm-export/README.md), so a forwarded 198.51.100.7 signs in from the US, 192.0.2.7 from SE.
exec "$kc_home/bin/kc.sh" start-dev --import-realm --proxy-headers=xforwarded \
  --spi-mfa-geo--maxmind--database="$PWD/realm-export/mfa-demo-geo.mmdb" \
  --spi-mfa-geo--maxmind--anonymous-networks="$PWD/realm-export/mfa-demo-anonymous-networks.txt" \
  ${kc_args[@]+"${kc_args[@]}"}
