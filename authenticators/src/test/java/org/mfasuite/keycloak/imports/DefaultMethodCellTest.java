package org.mfasuite.keycloak.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class DefaultMethodCellTest {

    @Test
    void ourWordsMfaServersAndGraphs() {
        assertEquals(DefaultMethodCell.Method.SMS, DefaultMethodCell.parse("sms").method());
        assertEquals(DefaultMethodCell.Method.SMS, DefaultMethodCell.parse("Text Message").method());
        assertEquals(DefaultMethodCell.Method.VOICE, DefaultMethodCell.parse("Phone Call").method());
        assertEquals(DefaultMethodCell.Method.APP, DefaultMethodCell.parse("Mobile App").method());
        assertEquals(DefaultMethodCell.Method.APP, DefaultMethodCell.parse("push").method());
        assertEquals(DefaultMethodCell.Method.TOKEN, DefaultMethodCell.parse("OATH Token").method());
        assertEquals(new DefaultMethodCell(DefaultMethodCell.Method.VOICE, "office_phone"), DefaultMethodCell.parse("voiceOffice"));
        assertSame(DefaultMethodCell.KEEP, DefaultMethodCell.parse(" "));
        assertSame(DefaultMethodCell.KEEP, DefaultMethodCell.parse("none"));
        assertNull(DefaultMethodCell.parse("carrier pigeon"));
    }
}
