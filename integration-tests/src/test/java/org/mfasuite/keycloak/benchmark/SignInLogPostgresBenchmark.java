package org.mfasuite.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mfasuite.keycloak.cluster.PostgresServer;

/**
 * Case 10: the queries behind the sign-in log and the overview on PostgreSQL with {@value #DEFAULT_EVENTS} stored
 * events in one realm, as Keycloak's JPA event store and the suite send them (the SQL Hibernate generates for them,
 * run through JDBC), on Keycloak's {@code EVENT_ENTITY} exactly as Keycloak 26.7's changelogs create it on
 * PostgreSQL (its indexes {@code IDX_EVENT_TIME} and {@code IDX_EVENT_ENTITY_USER_ID_TYPE} included). No Keycloak runs:
 * what the REST adds on top (rows, JSON) is case 9's. The same seed as case 9 ({@link EventSeed}'s kinds), made
 * in the database with {@code generate_series}. Prints {@code EXPLAIN (ANALYZE, BUFFERS)} of each query.
 */
class SignInLogPostgresBenchmark {

    static final int DEFAULT_EVENTS = 1_000_000;
    private static final int EVENTS = Integer.getInteger("mfa.benchmark.pg-events", DEFAULT_EVENTS);
    private static final int ROUNDS = Integer.getInteger("mfa.benchmark.pg-rounds", 30);
    private static final int WARMUP = 3;
    private static final String REALM = "bench-realm-id";
    private static final String COLUMNS = "select ID, CLIENT_ID, DETAILS_JSON, DETAILS_JSON_LONG_VALUE, ERROR, EVENT_TIME,"
            + " IP_ADDRESS, REALM_ID, SESSION_ID, TYPE, USER_ID from EVENT_ENTITY";

    @Test
    void eventQueriesOverAMillionEvents() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "benchmark-postgres").toAbsolutePath());
        Path log = work.resolve("postgres.log");
        Files.deleteIfExists(log);
        try (PostgresServer server = PostgresServer.start(log);
             Connection db = DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres")) {
            long now = System.currentTimeMillis();
            long seed = System.nanoTime();
            keycloakSchema(db);
            seed(db, now);
            double seedSeconds = (System.nanoTime() - seed) / 1e9;
            db.setAutoCommit(false); // as in Keycloak's transactions: the fetch size streams rows through a cursor
            long from = now - 30L * 86_400_000L;
            String reference = EventSeed.reference(EVENTS - 1);

            Map<String, List<Query>> queries = new LinkedHashMap<>();
            queries.put("A: Keycloak's admin events query, newest 100", List.of(new Query(COLUMNS
                    + " where REALM_ID=? order by EVENT_TIME desc offset 0 rows fetch first 100 rows only", REALM)));
            queries.put("D: sign-in log, one user (2,000 events), 30 days: first batch of 500",
                    List.of(userQuery("bench-user-7", from, now)));
            queries.put("D': sign-in log, busiest user (10,000 events), 30 days: first batch of 500",
                    List.of(userQuery(EventSeed.BUSY_USER, from, now)));
            queries.put("C: sign-in log, whole realm: first batch of 500", List.of(new Query(COLUMNS
                    + " where REALM_ID=? and TYPE in (?,?) and EVENT_TIME>=? and EVENT_TIME<=? order by EVENT_TIME desc"
                    + " offset 0 rows fetch first 500 rows only", REALM, "LOGIN", "LOGIN_ERROR", from, now)));
            // as EventTable.withReference: the last day, the 6 days before, then everything older
            long day = 86_400_000L;
            queries.put("E: helpdesk reference of today (first window)", List.of(
                    referenceQuery(EventSeed.reference(17), now - day, Long.MAX_VALUE)));
            queries.put("E': helpdesk reference, the oldest (all three windows)", List.of(
                    referenceQuery(reference, now - day, Long.MAX_VALUE),
                    referenceQuery(reference, now - 7 * day, now - day - 1),
                    referenceQuery(reference, Long.MIN_VALUE, now - 7 * day - 1)));
            queries.put("B: overview: the last 24 hours' events (read by every request; past days kept)",
                    List.of(overviewQuery(now - day, now)));
            Query cold = overviewQuery(from, now);

            assertEquals(1, count(db, queries.get("E: helpdesk reference of today (first window)")));
            assertEquals(1, count(db, queries.get("E': helpdesk reference, the oldest (all three windows)")));
            assertEquals(500, count(db, queries.get("D: sign-in log, one user (2,000 events), 30 days: first batch of 500")));
            long coldStart = System.nanoTime();
            assertEquals(EventSeed.countOfTypes(EVENTS), count(db, List.of(cold)));
            long coldNanos = System.nanoTime() - coldStart;

            StringBuilder plans = new StringBuilder();
            for (Map.Entry<String, List<Query>> q : queries.entrySet()) {
                plans.append("\n").append(q.getKey()).append(" (its last query):\n```\n")
                        .append(explain(db, q.getValue().get(q.getValue().size() - 1))).append("```\n");
            }
            plans.append("\nB, cold: every event of the 30 days (the first overview, once per quarter of an hour):\n```\n")
                    .append(explain(db, cold)).append("```\n");
            Map<String, Samples> samples = new LinkedHashMap<>();
            queries.keySet().forEach(k -> samples.put(k, new Samples()));
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                for (Map.Entry<String, List<Query>> q : queries.entrySet()) {
                    long start = System.nanoTime();
                    count(db, q.getValue());
                    if (round >= WARMUP) {
                        samples.get(q.getKey()).add(System.nanoTime() - start);
                    }
                }
            }
            long a95 = samples.values().iterator().next().percentile(95);
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("B, cold: every event of the 30 days, once", Samples.millis(coldNanos), Samples.millis(coldNanos),
                    Samples.ratio((double) coldNanos / a95) + " × A", "one run"));
            samples.forEach((name, s) -> rows.add(List.of(name, Samples.millis(s.percentile(50)),
                    Samples.millis(s.percentile(95)), Samples.ratio((double) s.percentile(95) / a95) + " × A",
                    name.startsWith("D") || name.startsWith("E") ? (s.percentile(95) <= 1_000_000_000L ? "p95 ≤ 1 s: met" : "p95 ≤ 1 s: not met") : "")));
            BenchmarkReport.add(10, "Sign-in log and overview queries over " + EVENTS + " stored events (PostgreSQL)",
                    "PostgreSQL " + System.getProperty("mfa.postgres.version", "") + " (zonky's binaries, fsync off), "
                            + "Keycloak 26.7's EVENT_ENTITY with its indexes; " + EVENTS + " events of one realm made in "
                            + String.format(Locale.ROOT, "%.1f", seedSeconds) + " s (case 9's mix: 500 users, one busy "
                            + "user, 29 days), then ANALYZE. Each query through JDBC, all its rows read; " + ROUNDS
                            + " rounds after " + WARMUP + ", interleaved. Target: the log's query for one user and 30 "
                            + "days p95 ≤ 1 s (the reference lookups are held to it too). Plans:\n" + plans,
                    List.of("query", "p50 ms", "p95 ms", "p95 vs A", "target"), rows);
            assertTrue(samples.size() == queries.size());
        }
    }

    /** The query Keycloak's event store sends for {@code EventQuery.realm().user().type(LOGIN, LOGIN_ERROR)...}. */
    private static Query userQuery(String user, long from, long to) {
        return new Query(COLUMNS + " where REALM_ID=? and TYPE in (?,?) and USER_ID=? and EVENT_TIME>=? and EVENT_TIME<=?"
                + " order by EVENT_TIME desc offset 0 rows fetch first 500 rows only", REALM, "LOGIN", "LOGIN_ERROR", user,
                from, to);
    }

    /** The query {@code EventTable.withReference} sends for one window. */
    private static Query referenceQuery(String reference, long from, long to) {
        String like = "%\"mfa_ref\":\"" + reference + "\"%";
        return new Query("select ID, EVENT_TIME, TYPE, USER_ID, CLIENT_ID, IP_ADDRESS, ERROR, DETAILS_JSON,"
                + " DETAILS_JSON_LONG_VALUE from EVENT_ENTITY where REALM_ID=? and TYPE in (?,?) and EVENT_TIME>=? and"
                + " EVENT_TIME<=? and (DETAILS_JSON_LONG_VALUE like ? or DETAILS_JSON like ?) order by EVENT_TIME desc"
                + " offset 0 rows fetch first 10 rows only", REALM, "LOGIN_ERROR", "CUSTOM_REQUIRED_ACTION_ERROR", from, to,
                like, like);
    }

    /** The query {@code EventTable.scan} sends for the overview. */
    private static Query overviewQuery(long from, long to) {
        return new Query("select ID, EVENT_TIME, TYPE, USER_ID, CLIENT_ID, IP_ADDRESS, ERROR, DETAILS_JSON,"
                + " DETAILS_JSON_LONG_VALUE from EVENT_ENTITY where REALM_ID=? and TYPE in (?,?,?,?) and EVENT_TIME>=? and"
                + " EVENT_TIME<=? order by EVENT_TIME desc offset 0 rows fetch first 1000001 rows only", REALM, "LOGIN",
                "LOGIN_ERROR", "CUSTOM_REQUIRED_ACTION", "CUSTOM_REQUIRED_ACTION_ERROR", from, to);
    }

    /** EVENT_ENTITY as Keycloak 26.7's Liquibase changelogs leave it on PostgreSQL (NCLOB is text there). */
    private static void keycloakSchema(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("create table EVENT_ENTITY (ID varchar(36) not null, CLIENT_ID varchar(255),"
                    + " DETAILS_JSON varchar(2550), ERROR varchar(255), IP_ADDRESS varchar(255), REALM_ID varchar(255),"
                    + " SESSION_ID varchar(255), EVENT_TIME bigint, TYPE varchar(255), USER_ID varchar(255),"
                    + " DETAILS_JSON_LONG_VALUE text, constraint CONSTRAINT_4 primary key (ID))");
            s.execute("create index IDX_EVENT_TIME on EVENT_ENTITY (REALM_ID, EVENT_TIME)");
            s.execute("create index IDX_EVENT_ENTITY_USER_ID_TYPE on EVENT_ENTITY (USER_ID, TYPE, EVENT_TIME)");
        }
    }

    /** {@link EventSeed}'s events, made by PostgreSQL itself. */
    private static void seed(Connection db, long now) throws SQLException {
        String user = "case when i % 100 = 0 then '" + EventSeed.BUSY_USER + "' else 'bench-user-' || (i % 500) end";
        String ref = "'{\"username\":\"u\",\"mfa_method\":\"password\",\"reason\":\"mfa_policy_block\",\"mfa_access\":"
                + "\"block\",\"mfa_policies\":\"block legacy-reports\",\"mfa_ref\":\"' || ref(i) || '\"}'";
        try (Statement s = db.createStatement()) {
            // the reference of event i: i in base 32 (Crockford's digits), 8 digits, a dash in the middle
            s.execute("create function ref(n int) returns text language sql immutable as $$ select"
                    + " substr(r, 1, 4) || '-' || substr(r, 5, 4) from (select string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ',"
                    + " ((n / (32 ^ (7 - d))::bigint) % 32)::int + 1, 1), '' order by d) r from generate_series(0, 7) d) x $$");
            s.execute("insert into EVENT_ENTITY (ID, CLIENT_ID, DETAILS_JSON_LONG_VALUE, ERROR, EVENT_TIME, IP_ADDRESS,"
                    + " REALM_ID, SESSION_ID, TYPE, USER_ID) select 'bench-' || i, 'test-app', case"
                    + " when i % 20 <= 8 then '{\"username\":\"u\",\"mfa_method\":\"sms\",\"mfa_step\":\"check\",\"mfa_result\":\"valid\",\"mfa_phone\":\"+46 70•••••12\",\"mfa_node\":\"kc-1\"}'"
                    + " when i % 20 <= 10 then '{\"username\":\"u\",\"mfa_method\":\"sms\",\"mfa_step\":\"check\",\"mfa_result\":\"wrong\",\"reason\":\"wrong_code\",\"mfa_phone\":\"+46 70•••••12\"}'"
                    + " when i % 20 <= 15 then '{\"custom_required_action\":\"mfa-sms\",\"mfa_method\":\"sms\",\"mfa_step\":\"send\",\"mfa_gateway\":\"dev\",\"mfa_result\":\"sent\"}'"
                    + " when i % 20 = 16 then '{\"username\":\"u\",\"mfa_method\":\"push\",\"mfa_result\":\"valid\",\"mfa_device\":\"Pixel 8\"}'"
                    + " when i % 20 = 17 then " + ref
                    + " when i % 20 = 18 then '{\"username\":\"u\",\"auth_method\":\"openid-connect\"}'"
                    + " else '{\"grant_type\":\"authorization_code\"}' end,"
                    + " case when i % 20 in (9, 10) then 'invalid_user_credentials' when i % 20 = 17 then 'access_denied' end,"
                    + " " + now + " - 1000 - (i::float8 * " + EventSeed.SPAN + " / " + EVENTS + ")::bigint,"
                    + " '203.0.113.9', '" + REALM + "', 's-' || i, case when i % 20 <= 8 then 'LOGIN' when i % 20 <= 10 then"
                    + " 'LOGIN_ERROR' when i % 20 <= 15 then 'CUSTOM_REQUIRED_ACTION' when i % 20 = 16 then 'LOGIN' when"
                    + " i % 20 = 17 then 'LOGIN_ERROR' when i % 20 = 18 then 'LOGIN' else 'CODE_TO_TOKEN' end, " + user
                    + " from generate_series(0, " + (EVENTS - 1) + ") i");
            s.execute("analyze EVENT_ENTITY");
        }
    }

    /** Runs the queries in order until one finds rows (as the reference windows do); all their rows are read. */
    private static int count(Connection db, List<Query> queries) throws SQLException {
        for (Query q : queries) {
            try (PreparedStatement s = q.prepare(db)) {
                s.setFetchSize(1000);
                int n = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                        n++;
                    }
                }
                if (n > 0) {
                    return n;
                }
            }
        }
        return 0;
    }

    private static String explain(Connection db, Query q) throws SQLException {
        try (PreparedStatement s = new Query("explain (analyze, buffers, costs off) " + q.sql(), q.args()).prepare(db);
             ResultSet rs = s.executeQuery()) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            return plan.toString();
        }
    }

    private record Query(String sql, Object... args) {
        PreparedStatement prepare(Connection db) throws SQLException {
            PreparedStatement s = db.prepareStatement(sql);
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s;
        }
    }
}
