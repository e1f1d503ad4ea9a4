package org.mfasuite.keycloak.push;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Number matching: the sign-in page shows a two-digit number and the user gives it on the device, so an approval
 * without the page in front of the user (MFA fatigue) succeeds by luck only. {@link Mode#TYPE} (the default, as
 * Entra does it): the user types the number, the device is told nothing about it (a guess: 1 in 90).
 * {@link Mode#CHOOSE}: the device offers it among {@link #CHOICES} numbers (a guess: 1 in 3).
 */
public record NumberMatch(int number, List<Integer> choices) {

    public static final int CHOICES = 3;
    private static final Random RANDOM = new SecureRandom();

    /** How the user gives the number on the device; the config value of {@code number-matching}. */
    public enum Mode {
        TYPE("type"), CHOOSE("choose");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** {@code choose} only when asked for by name: anything else is the safer {@link #TYPE}. */
        public static Mode of(String value) {
            return value != null && CHOOSE.id.equals(value.trim()) ? CHOOSE : TYPE;
        }
    }

    public static NumberMatch draw(Mode mode) {
        return draw(mode, RANDOM);
    }

    static NumberMatch draw(Mode mode, Random random) {
        int number = 10 + random.nextInt(90);
        if (mode == Mode.TYPE) {
            return new NumberMatch(number, List.of());
        }
        List<Integer> choices = new ArrayList<>(List.of(number));
        while (choices.size() < CHOICES) {
            int other = 10 + random.nextInt(90);
            if (!choices.contains(other)) {
                choices.add(other);
            }
        }
        Collections.shuffle(choices, random);
        return new NumberMatch(number, List.copyOf(choices));
    }

    /** TYPE when the device is offered no choices. */
    public Mode mode() {
        return choices.isEmpty() ? Mode.TYPE : Mode.CHOOSE;
    }

    /** Whether the user gave the shown number; compared without an early exit. */
    public boolean matches(Integer given) {
        return given != null && MessageDigest.isEqual(
                Integer.toString(number).getBytes(), Integer.toString(given).getBytes());
    }
}
