package org.mfasuite.keycloak.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class DefaultChoiceTest {

    @Test
    void ourWordsMfaServersAndGraphs() {
        assertEquals(DefaultChoice.Method.SMS, DefaultChoice.parse("sms").method());
        assertEquals(DefaultChoice.Method.SMS, DefaultChoice.parse("Text Message").method());
        assertEquals(DefaultChoice.Method.VOICE, DefaultChoice.parse("Phone Call").method());
        assertEquals(DefaultChoice.Method.APP, DefaultChoice.parse("Mobile App").method());
        assertEquals(DefaultChoice.Method.APP, DefaultChoice.parse("push").method());
        assertEquals(DefaultChoice.Method.TOKEN, DefaultChoice.parse("OATH Token").method());
        assertEquals(new DefaultChoice(DefaultChoice.Method.VOICE, "office_phone"), DefaultChoice.parse("voiceOffice"));
        assertSame(DefaultChoice.KEEP, DefaultChoice.parse(" "));
        assertSame(DefaultChoice.KEEP, DefaultChoice.parse("none"));
        assertNull(DefaultChoice.parse("carrier pigeon"));
    }
}
