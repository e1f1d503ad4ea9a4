package org.mfasuite.keycloak.fraud;

/** The text of the alert the {@code fraud-alert-emails} addresses get: plain text, in English, for the helpdesk. */
final class AlertText {

    private AlertText() {
    }

    static String of(String realm, String username, String email, FraudReports.Report report, String block, String time) {
        StringBuilder text = new StringBuilder();
        text.append("A user reported a sign-in they did not start (mfa_fraud_report).\n\n");
        line(text, "Realm", realm);
        line(text, "User", username);
        line(text, "Email", email);
        line(text, "Reported", time);
        line(text, "Method", report.method());
        line(text, "Sign-in reference", report.reference());
        line(text, "Sign-in address", report.signInIp());
        line(text, "Application", report.client());
        line(text, "Action taken", switch (block) {
            case "sign-out" -> "signed out everywhere, remembered devices forgotten";
            case "disable" -> "account disabled (an admin must enable it), signed out, remembered devices forgotten";
            case "failed" -> "blocking FAILED (see the server log): check the account, sign it out and disable it by hand";
            default -> "none";
        });
        text.append("\nFind the sign-in in the admin console's sign-in log by its reference.\n");
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            // one value per line: a line break in a value (a client name) cannot forge another field
            text.append(label).append(": ").append(value.replaceAll("[\\r\\n]+", " ")).append('\n');
        }
    }
}
