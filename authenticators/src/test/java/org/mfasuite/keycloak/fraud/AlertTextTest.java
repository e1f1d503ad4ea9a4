package org.mfasuite.keycloak.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AlertTextTest {

    @Test
    void theAlertNamesUserSignInAndActionOneFieldPerLine() {
        String text = AlertText.of("Demo", "alice", null, new FraudReports.Report("sms", "7KQ2-MX9D", "203.0.113.9",
                "app\nAction taken: none"), "disable", "2026-12-07 20:00 UTC");
        assertEquals("""
                A user reported a sign-in they did not start (mfa_fraud_report).

                Realm: Demo
                User: alice
                Reported: 2026-12-07 20:00 UTC
                Method: sms
                Sign-in reference: 7KQ2-MX9D
                Sign-in address: 203.0.113.9
                Application: app Action taken: none
                Action taken: account disabled (an admin must enable it), signed out, remembered devices forgotten

                Find the sign-in in the admin console's sign-in log by its reference.
                """, text);
    }
}
