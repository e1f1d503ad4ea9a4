package org.mfasuite.keycloak.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A block that throws never loses the report: it is recorded as {@code failed}. */
class FraudReportsTest {

    @Test
    void aBlockThatThrowsIsRecordedAsFailedAndDoesNotPropagate() {
        List<RuntimeException> logged = new ArrayList<>();
        assertEquals(FraudReports.FAILED, FraudReports.blocked(FraudSettings.Block.DISABLE, () -> {
            throw new IllegalStateException("read-only user");
        }, logged::add));
        assertEquals("read-only user", logged.get(0).getMessage());
    }

    @Test
    void aBlockThatWorksIsRecordedByItsId() {
        List<RuntimeException> logged = new ArrayList<>();
        boolean[] ran = {false};
        assertEquals(FraudSettings.Block.DISABLE.id(), FraudReports.blocked(FraudSettings.Block.DISABLE,
                () -> ran[0] = true, logged::add));
        assertTrue(ran[0]);
        assertTrue(logged.isEmpty());
    }

    @Test
    void theAlertSaysTheBlockFailed() {
        String text = AlertText.of("Demo", "anna", null, new FraudReports.Report("sms", "R-1", null, null),
                FraudReports.FAILED, "2026-12-07 22:00 UTC");
        assertTrue(text.contains("Action taken: blocking FAILED"), text);
    }
}
