package org.mfasuite.keycloak.benchmark;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.testframework.remote.providers.runonserver.RunOnServer;

/**
 * Stored events for the console benchmark, written straight into Keycloak's {@code EVENT_ENTITY} on the server (one
 * multi-row INSERT per {@value #ROWS_PER_INSERT} events, as Keycloak's JPA event store lays them out: details as JSON
 * in {@code DETAILS_JSON_LONG_VALUE}). Event {@code i} (0 is the newest) is fully determined by {@code i}, so the
 * benchmark knows what the answers must hold. Only Keycloak and Jakarta types here: the server loads this class.
 */
final class EventSeed {

    static final int CHUNK = 20_000;
    static final int ROWS_PER_INSERT = 500;
    static final String BUSY_USER = "bench-busy-user";
    /** 29 days: all within the overview of the last 30 (today and the 29 days before it), whatever the hour. */
    static final long SPAN = 29L * 86_400_000L;
    private static final String DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private EventSeed() {
    }

    /** Events {@code from} to {@code from + count - 1} of {@code total}, spread over 29 days ending {@code now}. */
    static RunOnServer insert(String realmId, long now, int from, int count, int total) {
        return session -> {
            EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
            StringBuilder sql = new StringBuilder();
            for (int i = from; i < from + count; i++) {
                if (sql.length() == 0) {
                    sql.append("INSERT INTO EVENT_ENTITY (ID, CLIENT_ID, DETAILS_JSON_LONG_VALUE, ERROR, EVENT_TIME,"
                            + " IP_ADDRESS, REALM_ID, SESSION_ID, TYPE, USER_ID) VALUES ");
                } else {
                    sql.append(',');
                }
                row(sql, realmId, now, i, total);
                if ((i - from + 1) % ROWS_PER_INSERT == 0 || i == from + count - 1) {
                    em.createNativeQuery(sql.toString()).executeUpdate();
                    sql.setLength(0);
                }
            }
        };
    }

    private static void row(StringBuilder sql, String realmId, long now, int i, int total) {
        String user = i % 100 == 0 ? BUSY_USER : "bench-user-" + (i % 500);
        long time = now - 1_000 - (long) ((double) i * SPAN / total);
        int kind = i % 20;
        String type;
        String error = null;
        String details;
        if (kind <= 8) {
            type = "LOGIN";
            details = "{\"username\":\"" + user + "\",\"mfa_method\":\"sms\",\"mfa_step\":\"check\",\"mfa_result\":\"valid\","
                    + "\"mfa_phone\":\"+46 70•••••12\",\"mfa_node\":\"kc-1\"}";
        } else if (kind <= 10) {
            type = "LOGIN_ERROR";
            error = "invalid_user_credentials";
            details = "{\"username\":\"" + user + "\",\"mfa_method\":\"sms\",\"mfa_step\":\"check\",\"mfa_result\":\"wrong\","
                    + "\"reason\":\"wrong_code\",\"mfa_phone\":\"+46 70•••••12\",\"mfa_node\":\"kc-1\"}";
        } else if (kind <= 15) {
            type = "CUSTOM_REQUIRED_ACTION";
            details = "{\"custom_required_action\":\"mfa-sms\",\"mfa_method\":\"sms\",\"mfa_step\":\"send\","
                    + "\"mfa_gateway\":\"dev\",\"mfa_result\":\"sent\",\"mfa_phone\":\"+46 70•••••12\"}";
        } else if (kind == 16) {
            type = "LOGIN";
            details = "{\"username\":\"" + user + "\",\"mfa_method\":\"push\",\"mfa_result\":\"valid\",\"mfa_device\":\"Pixel 8\"}";
        } else if (kind == 17) {
            type = "LOGIN_ERROR";
            error = "access_denied";
            details = "{\"username\":\"" + user + "\",\"mfa_method\":\"password\",\"reason\":\"mfa_policy_block\","
                    + "\"mfa_access\":\"block\",\"mfa_policies\":\"block legacy-reports\",\"mfa_ref\":\"" + reference(i) + "\"}";
        } else if (kind == 18) {
            type = "LOGIN";
            details = "{\"username\":\"" + user + "\",\"auth_method\":\"openid-connect\"}";
        } else {
            type = "CODE_TO_TOKEN";
            details = "{\"grant_type\":\"authorization_code\"}";
        }
        sql.append("('bench-").append(i).append("','test-app','").append(details).append("',")
                .append(error == null ? "NULL" : "'" + error + "'").append(',').append(time)
                .append(",'203.0.113.9','").append(realmId).append("','s-").append(i).append("','").append(type)
                .append("','").append(user).append("')");
    }

    /** The helpdesk reference of the newest refusal at or before event {@code i}. */
    static String reference(int i) {
        int refusal = i - Math.floorMod(i - 17, 20);
        StringBuilder ref = new StringBuilder();
        for (int n = refusal, d = 0; d < 8; d++, n /= 32) {
            ref.insert(0, DIGITS.charAt(n % 32));
        }
        return ref.insert(4, '-').toString();
    }

    /** Second-factor attempts among the first {@code events} (SMS right and wrong, push): 12 of every 20. */
    static long attempts(int events) {
        long n = 0;
        for (int i = 0; i < events; i++) {
            int kind = i % 20;
            n += kind <= 10 || kind == 16 ? 1 : 0;
        }
        return n;
    }

    /** Events of the seed the console reads (all but the CODE_TO_TOKEN ones, every 20th) among the first {@code events}. */
    static int countOfTypes(int events) {
        return events - events / 20;
    }
}
