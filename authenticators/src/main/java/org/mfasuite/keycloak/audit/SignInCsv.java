package org.mfasuite.keycloak.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The sign-in log as a CSV file: a header line, then one line per row, times in ISO 8601 UTC. */
public final class SignInCsv {

    static final List<String> HEADER = List.of("time", "username", "name", "email", "device", "method", "result",
            "reason", "node", "ipAddress", "client", "userId", "reference", "risk", "riskSignals");

    private SignInCsv() {
    }

    public static String of(List<SignInRow> rows) {
        StringBuilder csv = new StringBuilder(Csv.BOM).append(Csv.line(HEADER));
        for (SignInRow r : rows) {
            csv.append(Csv.line(Arrays.asList(Instant.ofEpochMilli(r.time()).toString(), r.username(), r.name(),
                    r.email(), r.device(), r.method(), r.result(), r.reason(), r.node(), r.ipAddress(), r.client(),
                    r.userId(), r.reference(), r.risk(), r.riskSignals())));
        }
        return csv.toString();
    }
}
