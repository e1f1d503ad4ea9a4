package org.mfasuite.keycloak.apppassword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AppPasswordSecretTest {

    @Test
    void secretHasAtLeast112BitsOfLowercaseLetters() {
        assertTrue(AppPasswordSecret.secretBits() >= 112, "bits: " + AppPasswordSecret.secretBits());
        AppPasswordSecret p = AppPasswordSecret.generate();
        assertTrue((p.publicId() + p.secret()).matches("[a-z]{28}"), p.formatted());
    }

    @Test
    void shownInGroupsOfFour() {
        String shown = AppPasswordSecret.generate().formatted();
        assertTrue(shown.matches("[a-z]{4}( [a-z]{4}){6}"), shown);
    }

    @Test
    void everyLetterIsUsedAndDrawsDiffer() {
        SecureRandom random = new SecureRandom();
        Set<Character> seen = new HashSet<>();
        Set<String> drawn = new HashSet<>();
        int[] counts = new int[26];
        for (int i = 0; i < 2000; i++) {
            AppPasswordSecret p = AppPasswordSecret.generate(random);
            drawn.add(p.secret());
            for (char c : (p.publicId() + p.secret()).toCharArray()) {
                seen.add(c);
                counts[c - 'a']++;
            }
        }
        assertEquals(26, seen.size());
        assertEquals(2000, drawn.size());
        int expected = 2000 * 28 / 26;
        for (int count : counts) {
            assertTrue(Math.abs(count - expected) < expected / 5, "roughly uniform: " + count + " vs " + expected);
        }
    }

    @Test
    void whatUsersTypeIsReadWithoutSpacesDashesOrCase() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        assertEquals(p, AppPasswordSecret.parse(p.formatted()).orElseThrow());
        assertEquals(p, AppPasswordSecret.parse((p.publicId() + p.secret()).toUpperCase()).orElseThrow());
        assertEquals(p, AppPasswordSecret.parse(" " + p.formatted().replace(' ', '-') + "\t").orElseThrow());
        assertEquals(p, AppPasswordSecret.parse(p.formatted().replace(" ", "")).orElseThrow());
    }

    @Test
    void somethingElseIsNotAnAppPassword() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        String all = p.publicId() + p.secret();
        assertFalse(AppPasswordSecret.parse(null).isPresent());
        assertFalse(AppPasswordSecret.parse("alice").isPresent());
        assertFalse(AppPasswordSecret.parse(all.substring(1)).isPresent(), "one letter short");
        assertFalse(AppPasswordSecret.parse(all + "a").isPresent(), "one letter long");
        assertFalse(AppPasswordSecret.parse(all.substring(1) + "1").isPresent(), "a digit");
        assertFalse(AppPasswordSecret.parse(all.substring(1) + "é").isPresent(), "not a-z");
        assertFalse(AppPasswordSecret.parse(" ".repeat(500) + all).isPresent(), "absurdly long input is not read");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        AppPasswordSecret p = AppPasswordSecret.generate();
        assertFalse(p.toString().contains(p.secret()));
    }
}
