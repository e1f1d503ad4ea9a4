package org.mfasuite.keycloak.oath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.dto.OTPSecretData;
import org.keycloak.util.JsonSerialization;

/**
 * The token registry and pool, in Keycloak's own credential store: every imported serial is one credential of type
 * {@code mfa-oath-token} (label = serial) on one of 16 disabled "shelf" users {@code mfa-oath-pool-0 … -f}, chosen
 * by a hash of the serial. A waiting token keeps its secret there; an assigned one keeps only whose OTP credential
 * it became, so duplicate serials are found with 16 queries per import. Why shelves and not one user: Keycloak's
 * JPA store reads all of a user's credentials on every credential insert and delete (label check, priority), so
 * 10,000 tokens on one user would cost quadratic time; realm attributes or components would load with every realm.
 * Nothing is cached here: another node sees the same rows.
 */
public final class TokenShelves {

    public static final String TYPE = "mfa-oath-token";
    public static final String SHELF_PREFIX = "mfa-oath-pool-";
    public static final String SHELF_ATTRIBUTE = "mfa-oath-pool";
    static final int SHELVES = 16;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<Integer, UserModel> shelves = new HashMap<>();

    public TokenShelves(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** One stored token: its serial, entry, credential id and shelf. */
    public record Stored(String serial, PoolEntry entry, String credentialId, UserModel shelf) {
    }

    /** The shelf a serial lives on: the first nibble of SHA-256 of its lower-case form. */
    static int shelfOf(String serial) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(ImportPlan.key(serial).getBytes(StandardCharsets.UTF_8));
            return (hash[0] >> 4) & 0xf;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isShelf(UserModel user) {
        return user.getUsername().startsWith(SHELF_PREFIX) && "true".equals(user.getFirstAttribute(SHELF_ATTRIBUTE));
    }

    /** Every stored token, read once (16 queries). */
    public Map<String, Stored> all() {
        Map<String, Stored> out = new HashMap<>();
        IntStream.range(0, SHELVES).mapToObj(this::existingShelf).flatMap(Optional::stream)
                .flatMap(this::entries).forEach(s -> out.put(ImportPlan.key(s.serial()), s));
        return out;
    }

    public Optional<Stored> find(String serial) {
        return existingShelf(shelfOf(serial)).stream().flatMap(this::entries)
                .filter(s -> ImportPlan.key(s.serial()).equals(ImportPlan.key(serial))).findFirst();
    }

    /** A waiting token: secret kept (base32) until it is assigned. */
    public void addPooled(OathToken token) {
        add(token, PoolEntry.of(token, Time.currentTimeMillis()), secret(token.secret()));
    }

    /** A token assigned at import: only the record of where it went. */
    public void addAssigned(OathToken token, String userId, String credentialId) {
        add(token, PoolEntry.of(token, Time.currentTimeMillis()).assignedTo(userId, credentialId), "{}");
    }

    /** After an assignment from the pool: the secret leaves the shelf. */
    public void markAssigned(Stored stored, String userId, String credentialId) {
        CredentialModel model = stored.shelf().credentialManager().getStoredCredentialById(stored.credentialId());
        model.setCredentialData(json(stored.entry().assignedTo(userId, credentialId)));
        model.setSecretData("{}");
        stored.shelf().credentialManager().updateStoredCredential(model);
    }

    public void remove(Stored stored) {
        stored.shelf().credentialManager().removeStoredCredentialById(stored.credentialId());
    }

    /** The waiting token's secret. */
    public byte[] secretOf(Stored stored) {
        CredentialModel model = stored.shelf().credentialManager().getStoredCredentialById(stored.credentialId());
        try {
            return Base32Secret.decode(JsonSerialization.readValue(model.getSecretData(), OTPSecretData.class).getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether an assigned entry still matches a user's credential (users may delete it in the Account Console). */
    public boolean isStale(Stored stored) {
        if (!PoolEntry.ASSIGNED.equals(stored.entry().status())) {
            return false;
        }
        UserModel holder = session.users().getUserById(realm, stored.entry().userId());
        return holder == null || holder.credentialManager().getStoredCredentialById(stored.entry().credentialId()) == null;
    }

    public String holderName(Stored stored) {
        UserModel holder = stored.entry().userId() == null ? null : session.users().getUserById(realm, stored.entry().userId());
        return holder == null ? null : holder.getUsername();
    }

    private void add(OathToken token, PoolEntry entry, String secretData) {
        CredentialModel model = new CredentialModel();
        model.setType(TYPE);
        model.setUserLabel(token.serial());
        model.setCreatedDate(entry.importedAt());
        model.setCredentialData(json(entry));
        model.setSecretData(secretData);
        shelf(shelfOf(token.serial())).credentialManager().createStoredCredential(model);
    }

    private Stream<Stored> entries(UserModel shelf) {
        return shelf.credentialManager().getStoredCredentialsByTypeStream(TYPE).map(c -> {
            try {
                return new Stored(c.getUserLabel(), JsonSerialization.readValue(c.getCredentialData(), PoolEntry.class),
                        c.getId(), shelf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Optional<UserModel> existingShelf(int n) {
        UserModel cached = shelves.get(n);
        if (cached != null) {
            return Optional.of(cached);
        }
        UserModel found = session.users().getUserByUsername(realm, SHELF_PREFIX + Integer.toHexString(n));
        if (found != null) {
            shelves.put(n, found);
        }
        return Optional.ofNullable(found);
    }

    /** A shelf, created on first use: disabled, no password, marked, so nobody signs in as it. */
    private UserModel shelf(int n) {
        return existingShelf(n).orElseGet(() -> {
            UserModel user = session.users().addUser(realm, SHELF_PREFIX + Integer.toHexString(n));
            user.setEnabled(false);
            user.setSingleAttribute(SHELF_ATTRIBUTE, "true");
            user.setFirstName("OATH token pool");
            user.setLastName(Integer.toHexString(n));
            shelves.put(n, user);
            return user;
        });
    }

    private static String secret(byte[] secret) {
        return json(new OTPSecretData(Base32Secret.encode(secret)));
    }

    private static String json(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> shelfNames() {
        return IntStream.range(0, SHELVES).mapToObj(n -> SHELF_PREFIX + Integer.toHexString(n)).toList();
    }
}
