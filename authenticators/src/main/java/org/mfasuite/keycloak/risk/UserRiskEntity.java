package org.mfasuite.keycloak.risk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One user's risk, {@code MFA_USER_RISK} (changelog {@code META-INF/mfa-user-risk-changelog.xml}), keyed by the user's
 * id so a sign-in reads it by primary key. A cleared risk keeps its row (level {@code none}) with who cleared it when;
 * the row goes with the user or the realm.
 */
@Entity(name = "MfaUserRisk")
@Table(name = "MFA_USER_RISK")
public class UserRiskEntity {

    @Id
    @Column(name = "USER_ID", length = 255) // federated ids f:<component>:<id> are longer than 36
    String userId;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    String realmId;
    /** {@code none}, {@code low}, {@code medium} or {@code high}. */
    @Column(name = "RISK_LEVEL", length = 16, nullable = false)
    String level;
    /** Epoch seconds: when the risk last rose from none; 0 while none. */
    @Column(name = "SINCE", nullable = false)
    long since;
    /** Epoch seconds of the last change. */
    @Column(name = "UPDATED", nullable = false)
    long updated;
    /** JSON list of the latest reasons ({@code level}, {@code reason}, {@code time}), newest last. */
    @Column(name = "REASONS", length = 4000)
    String reasons;
    /** How it was last cleared: {@code admin} or {@code password-change}; null when never. */
    @Column(name = "CLEARED_BY", length = 32)
    String clearedBy;
    /** Epoch seconds of that clearing; 0 when never. */
    @Column(name = "CLEARED", nullable = false)
    long cleared;
}
