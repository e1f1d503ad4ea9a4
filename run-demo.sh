#!/usr/bin/env bash
# Builds the suite, fetches Keycloak (the version pinned in pom.xml) from Maven Central, installs the
# drop-in jar and the demo realm, and starts Keycloak in dev mode on its embedded database at
# http://localhost:8080 (admin / admin). No Docker.
set -euo pipefail
cd "$(dirname "$0")"

./mvnw -q -B -DskipTests install
kc_version=$(./mvnw -q -B -N help:evaluate -Dexpression=keycloak.version -DforceStdout)
demo_dir=target/demo
kc_home=$demo_dir/keycloak-$kc_version

if [ ! -x "$kc_home/bin/kc.sh" ]; then
  ./mvnw -q -B -N dependency:unpack -Dartifact="org.keycloak:keycloak-quarkus-dist:$kc_version:zip" \
    -DoutputDirectory="$demo_dir"
fi

cp authenticators/target/keycloak-mfa-suite.jar "$kc_home/providers/"
mkdir -p "$kc_home/data/import"
cp realm-export/demo-realm.json "$kc_home/data/import/"

cat <<MSG

  Keycloak $kc_version with the MFA Suite is starting at http://localhost:8080
  Admin console: http://localhost:8080/admin   (admin / admin)
  Demo sign-in:  http://localhost:8080/realms/demo/account   (alice / alice: SMS code; bob / bob: registers a phone)
  SMS codes of the demo appear in: $kc_home/data/mfa-outbox.jsonl
      tail -f $kc_home/data/mfa-outbox.jsonl

MSG

export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
exec "$kc_home/bin/kc.sh" start-dev --import-realm "$@"
