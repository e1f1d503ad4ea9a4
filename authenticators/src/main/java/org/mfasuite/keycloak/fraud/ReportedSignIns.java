package org.mfasuite.keycloak.fraud;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.util.JsonSerialization;
import org.mfasuite.keycloak.support.SupportDetails;

/**
 * Reads the stored {@code mfa_fraud_report} events of a realm (Keycloak's JPA event store). Reports are rare and the
 * query names their type and error, so it reads reports only, newest first.
 */
public final class ReportedSignIns {

    private static final String QUERY = "select e.id, e.time, e.userId, e.ipAddress, e.detailsJson, e.detailsJsonLongValue"
            + " from EventEntity e where e.realmId = :realm and e.type = :type and e.error = :error and e.time >= :from"
            + " order by e.time desc";

    /** One report as the admin REST shows it. Times in epoch milliseconds. */
    public record Row(String id, long time, String userId, String username, String method, String signInIp,
                      String reporterIp, String reference, String client, String block) {
    }

    private final EntityManager em;
    private final String realmId;

    public ReportedSignIns(KeycloakSession session, String realmId) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realmId;
    }

    /** Reports made since {@code from} (epoch ms), newest first. */
    public List<Row> list(long from, int first, int max) {
        return em.createQuery(QUERY, Object[].class).setParameter("realm", realmId)
                .setParameter("type", EventType.CUSTOM_REQUIRED_ACTION_ERROR.name())
                .setParameter("error", FraudReports.EVENT).setParameter("from", from)
                .setFirstResult(first).setMaxResults(max).getResultList().stream().map(ReportedSignIns::row).toList();
    }

    /** The helpdesk references of the sign-ins reported since {@code from} (epoch ms). */
    public Set<String> references(long from) {
        Set<String> references = new HashSet<>();
        for (Row row : list(from, 0, 10_000)) {
            if (row.reference() != null) {
                references.add(row.reference());
            }
        }
        return references;
    }

    @SuppressWarnings("unchecked")
    private static Row row(Object[] r) {
        String json = r[5] != null ? (String) r[5] : (String) r[4];
        Map<String, String> details = new LinkedHashMap<>();
        if (json != null) {
            try {
                Map<String, String> read = JsonSerialization.readValue(json, Map.class);
                if (read != null) {
                    details.putAll(read);
                }
            } catch (IOException | RuntimeException ignored) {
                // a report without readable details is still listed
            }
        }
        return new Row((String) r[0], ((Number) r[1]).longValue(), (String) r[2], details.get("username"),
                details.get(FraudReports.METHOD), details.get(FraudReports.SIGN_IN_IP), (String) r[3],
                details.get(SupportDetails.EVENT_DETAIL), details.get("mfa_client"), details.get(FraudReports.BLOCK));
    }
}
