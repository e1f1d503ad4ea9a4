package org.mfasuite.keycloak.oath;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One imported hardware token in table {@code MFA_OATH_POOL} (changelog {@code META-INF/mfa-oath-changelog.xml}):
 * what it is, and while it waits its secret (base32, as Keycloak keeps OTP secrets); once assigned, no secret but
 * whose OTP credential it became. A serial is unique per realm ({@code SERIAL_KEY}: trimmed, lower case).
 */
@Entity(name = "MfaOathPool")
@Table(name = "MFA_OATH_POOL")
public class OathPoolEntity {

    @Id
    @Column(name = "ID", length = 36)
    String id;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    String realmId;
    @Column(name = "SERIAL", nullable = false)
    String serial;
    @Column(name = "SERIAL_KEY", nullable = false)
    String serialKey;
    @Column(name = "MANUFACTURER")
    String manufacturer;
    @Column(name = "MODEL")
    String model;
    @Column(name = "KIND", length = 8, nullable = false)
    String kind;
    @Column(name = "ALGORITHM", length = 32)
    String algorithm;
    @Column(name = "DIGITS")
    int digits;
    @Column(name = "PERIOD")
    int period;
    @Column(name = "COUNTER")
    int counter;
    @Column(name = "STATUS", length = 16, nullable = false)
    String status;
    @Column(name = "USER_ID", length = 36)
    String userId;
    @Column(name = "CREDENTIAL_ID", length = 36)
    String credentialId;
    @Column(name = "IMPORTED_AT")
    long importedAt;
    @Column(name = "SECRET", length = 1024)
    String secret;

    PoolEntry entry() {
        return new PoolEntry(manufacturer, model, kind, algorithm, digits, period, counter, status, userId, credentialId,
                importedAt);
    }

    void set(String serial, PoolEntry entry, String secret) {
        this.serial = serial;
        this.serialKey = ImportPlan.key(serial);
        this.manufacturer = cap(entry.manufacturer());
        this.model = cap(entry.model());
        this.kind = entry.kind();
        this.algorithm = entry.algorithm();
        this.digits = entry.digits();
        this.period = entry.period();
        this.counter = entry.counter();
        this.status = entry.status();
        this.userId = entry.userId();
        this.credentialId = entry.credentialId();
        this.importedAt = entry.importedAt();
        this.secret = secret;
    }

    private static String cap(String text) {
        return text == null || text.length() <= 255 ? text : text.substring(0, 255);
    }
}
