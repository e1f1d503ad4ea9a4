package org.mfasuite.keycloak.trust;

import java.security.SecureRandom;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.light.LightweightUserAdapter;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mfasuite.keycloak.core.Grant;
import org.mfasuite.keycloak.core.SignInDecision;

/** Remembered devices: a device the user chose to trust skips the second factor for a number of days. */
public final class TrustedDevices {

    /** Event detail: {@code remembered} on the sign-in that trusted a device, {@code recognised} when one counted. */
    public static final String DETAIL = "mfa_trusted_device";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrustedDevices() {
    }

    /**
     * Days this sign-in may remember its device for: the decision's, when it requires MFA without a sign-in
     * frequency (which would ask again anyway); else 0.
     */
    public static int offeredDays(AuthenticationSessionModel authSession, UserModel user) {
        SignInDecision decision = SignInDecision.taken(authSession);
        if (decision == null || user == null || !user.getId().equals(decision.userId())
                || decision.grantValue() != Grant.MFA || decision.signInFrequencyHours() > 0) {
            return 0;
        }
        return Math.max(0, decision.rememberDeviceDays());
    }

    /** Remembers this browser for {@code days}: a new credential and the cookie naming it. */
    public static void remember(KeycloakSession session, RealmModel realm, UserModel user, int days) {
        TrustedDeviceCredentialProvider provider = TrustedDeviceCredentialProvider.of(session);
        var devices = provider.devicesOf(user);
        for (int i = 0; i <= devices.size() - TrustRules.MAX_DEVICES; i++) {
            provider.deleteCredential(realm, user, devices.get(i).getId());
        }
        String name = DeviceName.unique(DeviceName.of(session.getContext().getRequestHeaders()
                .getHeaderString("User-Agent")), devices.stream().map(d -> d.getUserLabel()).toList());
        String secret = TrustToken.newSecret(RANDOM);
        var stored = provider.createCredential(realm, user, TrustedDeviceCredentialModel.create(name,
                session.getContext().getConnection().getRemoteAddr(), TrustToken.hash(secret), Time.currentTimeMillis()));
        TrustCookie.set(session, realm, new TrustToken(stored.getId(), secret).cookieValue(), days * 86_400);
    }

    /** Forgets every device the user remembered: each asks for the second factor again. @return how many */
    public static int forgetAll(KeycloakSession session, RealmModel realm, UserModel user) {
        TrustedDeviceCredentialProvider provider = TrustedDeviceCredentialProvider.of(session);
        int forgotten = 0;
        for (TrustedDeviceCredentialModel device : provider.devicesOf(user)) {
            if (provider.deleteCredential(realm, user, device.getId())) {
                forgotten++;
            }
        }
        return forgotten;
    }

    /** Whether this request comes from a device the user trusted within the last {@code maxDays} days. */
    public static boolean recognises(KeycloakSession session, RealmModel realm, UserModel user, int maxDays) {
        TrustToken token = TrustToken.parse(TrustCookie.read(session));
        if (maxDays <= 0 || token == null || user == null || LightweightUserAdapter.isLightweightUser(user)) {
            return false;
        }
        TrustedDeviceCredentialProvider provider = TrustedDeviceCredentialProvider.of(session);
        TrustedDeviceCredentialModel device = provider.find(user, token);
        if (device == null || device.getCreatedDate() == null) {
            return false;
        }
        long passwordCreated = user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(c -> c.getCreatedDate() == null ? 0L : c.getCreatedDate()).findFirst().orElse(0L);
        TrustRules rules = new TrustRules(maxDays, session.users().getNotBeforeOfUser(realm, user), realm.getNotBefore(),
                passwordCreated);
        long now = Time.currentTimeMillis();
        if (!rules.trusts(device.getCreatedDate(), now)) {
            return false;
        }
        if (TrustRules.touchDue(device.getLastUsed(), now)) {
            provider.touch(user, device, now);
        }
        return true;
    }
}
