package org.mfasuite.keycloak.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;

/** The pure parts of voice calls: how a code is spoken, the call settings, which phones a channel reaches. */
class VoiceTest {

    @Test
    void digitsAreSpokenOneByOneWithPauses() {
        assertEquals("1, 2, 3, 4, 5, 6", SpokenCode.digits("123456"));
        assertEquals("0, 0, 7", SpokenCode.digits("007"));
    }

    @Test
    void theScriptRepeatsTheCodeAsOftenAsAsked() {
        assertEquals("Your Demo code is 1, 2, 3. Again: 1, 2, 3. Again: 1, 2, 3.",
                SpokenCode.script("Your Demo code is 1, 2, 3.", "Again: 1, 2, 3.", 3));
        assertEquals("Your Demo code is 1, 2, 3.", SpokenCode.script("Your Demo code is 1, 2, 3.", "Again: 1, 2, 3.", 1));
    }

    @Test
    void eachOfOurLanguagesGetsAVoiceTag() {
        assertEquals("en-US", SpokenCode.languageTag(Locale.ENGLISH));
        assertEquals("sv-SE", SpokenCode.languageTag(Locale.forLanguageTag("sv")));
        assertEquals("nl-NL", SpokenCode.languageTag(Locale.forLanguageTag("nl")));
        assertEquals("de-DE", SpokenCode.languageTag(Locale.GERMAN));
        assertEquals("en-GB", SpokenCode.languageTag(Locale.UK), "a locale with a country keeps it");
        assertEquals("fi", SpokenCode.languageTag(Locale.forLanguageTag("fi")));
        assertEquals("en-US", SpokenCode.languageTag(null));
    }

    @Test
    void callSettingsReadCallerIdAndRepeatsWithBounds() {
        assertEquals(new CallSettings(null, 2), CallSettings.from(null));
        assertEquals(new CallSettings("+46855512345", 3), CallSettings.from(Map.of("from", "+46 8 555 123 45", "repeat-count", "3")));
        assertEquals(5, CallSettings.from(Map.of("repeat-count", "50")).repeatCount());
        assertNull(CallSettings.from(Map.of("from", "Acme")).from(), "not a number: the gateway's own");
        assertTrue(CallSettings.problems(Map.of("from", "+46855512345", "repeat-count", "2")).isEmpty());
        List<String> problems = CallSettings.problems(Map.of("from", "Acme", "repeat-count", "0"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("(from)")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("(repeat-count)")));
    }

    @Test
    void aLandlineIsCalledButNeverTexted() {
        PhoneCredentialModel landline = PhoneCredentialModel.createFromCredentialModel(
                stored(PhoneCredentialModel.createFromNumber("+46812345678", true).getCredentialData()));
        PhoneCredentialModel mobile = PhoneCredentialModel.createFromCredentialModel(
                stored(PhoneCredentialModel.createFromNumber("+46701234567").getCredentialData()));
        assertTrue(landline.isLandline());
        assertFalse(mobile.isLandline());
        assertEquals("{\"phoneNumber\":\"+46701234567\"}", mobile.getCredentialData(), "mobiles are stored as before");
        assertTrue(PhoneChannel.VOICE.reaches(landline));
        assertFalse(PhoneChannel.SMS.reaches(landline));
        assertTrue(PhoneChannel.SMS.reaches(mobile));
        assertFalse(PhoneCredentialModel.createFromCredentialModel(stored("{\"phoneNumber\":\"+46701234567\"}")).isLandline(),
                "phones stored before calls existed are mobiles");
    }

    @Test
    void eachChannelHasItsStepMethodAndWords() {
        assertEquals("mfa-voice", PhoneChannel.VOICE.providerId());
        assertEquals("voice", PhoneChannel.VOICE.method());
        assertEquals("sms", PhoneChannel.SMS.method());
        assertEquals("mfa-voice-code-invalid", PhoneChannel.VOICE.key("code-invalid"));
        assertEquals(PhoneChannel.SMS, PhoneChannel.VOICE.other());
    }

    @Test
    void landlinesAreOffOnlyWhenTheRealmSaysSo() {
        assertFalse(PhonePolicy.from(Map.of()).allowLandlines());
        assertTrue(PhonePolicy.from(Map.of("allow-landlines", "true")).allowLandlines());
    }

    private static CredentialModel stored(String data) {
        CredentialModel model = new CredentialModel();
        model.setType(PhoneCredentialModel.TYPE);
        model.setCredentialData(data);
        return model;
    }
}
