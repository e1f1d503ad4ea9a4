package org.mfasuite.keycloak.push.delivery;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class PushSendersTest {

    private static final HttpClient CLIENT = PushHttp.newClient();
    private static final PushMessage MESSAGE = new PushMessage("demo", "c", 1_700_000_060L);
    private static final String ACCOUNT = FcmKeys.serviceAccountJson(FcmKeys.KEYS.getPrivate(), "https://oauth2.googleapis.com/token");

    private static PushSender forTarget(PushTarget target, Map<String, String> config, UnaryOperator<String> vault) {
        return PushSenders.forTarget(target, PushDeliverySettings.from(config), VapidKeys::generate, vault, CLIENT,
                new FcmAccessTokens(), () -> 1_700_000_000L);
    }

    @Test
    void webPushAlwaysHasASender() {
        assertInstanceOf(WebPushSender.class, forTarget(PushTarget.webPush("https://fcm.googleapis.com/x", "a", "b"), Map.of(),
                UnaryOperator.identity()));
    }

    @Test
    void fcmOnlyWithAServiceAccount() {
        assertNull(forTarget(PushTarget.fcm("tok"), Map.of(), UnaryOperator.identity()));
        assertInstanceOf(FcmSender.class, forTarget(PushTarget.fcm("tok"), Map.of("fcm-service-account", ACCOUNT),
                UnaryOperator.identity()));
    }

    @Test
    void theServiceAccountMayComeFromTheVault() {
        PushSender sender = forTarget(PushTarget.fcm("tok"), Map.of("fcm-service-account", "${vault.fcm_sa}"),
                ref -> ref.equals("${vault.fcm_sa}") ? ACCOUNT : ref);

        assertInstanceOf(FcmSender.class, sender);
    }

    @Test
    void aMissingVaultEntryOrBrokenAccountFailsEachSendInsteadOfFallingSilent() {
        PushSender missing = forTarget(PushTarget.fcm("tok"), Map.of("fcm-service-account", "${vault.fcm_sa}"),
                UnaryOperator.identity());
        PushSender broken = forTarget(PushTarget.fcm("tok"), Map.of("fcm-service-account", "{}"), UnaryOperator.identity());

        assertEquals(DeliveryOutcome.FAILED, missing.send(PushTarget.fcm("tok"), MESSAGE));
        assertEquals(DeliveryOutcome.FAILED, broken.send(PushTarget.fcm("tok"), MESSAGE));
    }

    @Test
    void unknownKindsHaveNone() {
        assertNull(forTarget(new PushTarget("apns", null, null, null, "tok"), Map.of(), UnaryOperator.identity()));
        assertNull(forTarget(null, Map.of(), UnaryOperator.identity()));
    }
}
