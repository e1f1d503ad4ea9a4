package org.mfasuite.keycloak.push;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Number matching: the sign-in page shows a two-digit number, the device offers it among others and the user
 * picks it. An approval without the page in front of the user (MFA fatigue) then succeeds by luck only.
 */
public record NumberMatch(int number, List<Integer> choices) {

    public static final int CHOICES = 3;
    private static final Random RANDOM = new SecureRandom();

    public static NumberMatch draw() {
        return draw(RANDOM);
    }

    static NumberMatch draw(Random random) {
        int number = 10 + random.nextInt(90);
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

    /** Whether the user picked the shown number; compared without an early exit. */
    public boolean matches(Integer picked) {
        return picked != null && java.security.MessageDigest.isEqual(
                Integer.toString(number).getBytes(), Integer.toString(picked).getBytes());
    }
}
