package org.mfasuite.keycloak.push;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of the device index {@code MFA_PUSH_DEVICE_INDEX} (changelog {@code META-INF/mfa-push-changelog.xml}): a
 * device id → the realm, user and credential that hold it. Only a pointer: the credential stays the truth, and a row
 * whose credential is gone is ignored and deleted when it is next looked up.
 */
@Entity(name = "MfaPushDevice")
@Table(name = "MFA_PUSH_DEVICE_INDEX")
public class PushDeviceEntity {

    @Id
    @Column(name = "ID", length = 36)
    String id;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    String realmId;
    @Column(name = "DEVICE_ID", length = 64, nullable = false)
    String deviceId;
    @Column(name = "USER_ID", length = 36, nullable = false)
    String userId;
    @Column(name = "CREDENTIAL_ID", length = 36, nullable = false)
    String credentialId;
}
