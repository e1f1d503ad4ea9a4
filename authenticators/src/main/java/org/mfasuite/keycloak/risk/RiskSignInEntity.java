package org.mfasuite.keycloak.risk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of a user's sign-in history {@code MFA_RISK_SIGN_IN} (changelog {@code META-INF/mfa-risk-changelog.xml}):
 * one successful sign-in from one device and location, its time the latest such sign-in. No address is stored.
 */
@Entity(name = "MfaRiskSignIn")
@Table(name = "MFA_RISK_SIGN_IN")
public class RiskSignInEntity {

    @Id
    @Column(name = "ID", length = 36)
    String id;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    String realmId;
    @Column(name = "USER_ID", length = 255, nullable = false)
    String userId;
    @Column(name = "SIGNED_IN_AT", nullable = false)
    long signedInAt;
    @Column(name = "DEVICE_HASH", length = 64)
    String deviceHash;
    @Column(name = "LOCATION", length = 64)
    String location;
    @Column(name = "LATITUDE")
    Double latitude;
    @Column(name = "LONGITUDE")
    Double longitude;

    PastSignIn toPast() {
        return new PastSignIn(signedInAt, deviceHash, location, latitude, longitude);
    }
}
