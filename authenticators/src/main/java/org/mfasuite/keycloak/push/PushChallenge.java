package org.mfasuite.keycloak.push;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One push request: bound to one sign-in (its id lives in that authentication session), shown on the user's
 * devices with the context a user needs to judge it, valid until {@code expires}. Immutable; stored as
 * single-use-object notes, so every node sees it.
 */
public record PushChallenge(String id, String userId, NumberMatch match, long created, long expires,
                            String client, String ip, String browser, String os, int muteMinutes) {

    public boolean isLive(long now) {
        return now < expires;
    }

    Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("id", id);
        notes.put("user", userId);
        notes.put("number", Integer.toString(match.number()));
        notes.put("choices", String.join(",", match.choices().stream().map(String::valueOf).toList()));
        notes.put("created", Long.toString(created));
        notes.put("expires", Long.toString(expires));
        notes.put("client", nullToEmpty(client));
        notes.put("ip", nullToEmpty(ip));
        notes.put("browser", nullToEmpty(browser));
        notes.put("os", nullToEmpty(os));
        notes.put("mute", Integer.toString(muteMinutes));
        return notes;
    }

    /** null when the notes are not a whole challenge. */
    static PushChallenge fromNotes(Map<String, String> notes) {
        if (notes == null || notes.get("id") == null || notes.get("user") == null) {
            return null;
        }
        try {
            String listed = notes.getOrDefault("choices", "");
            List<Integer> choices = listed.isEmpty() ? List.of()
                    : Arrays.stream(listed.split(",")).map(Integer::valueOf).toList();
            return new PushChallenge(notes.get("id"), notes.get("user"),
                    new NumberMatch(Integer.parseInt(notes.get("number")), choices),
                    Long.parseLong(notes.get("created")), Long.parseLong(notes.get("expires")),
                    notes.get("client"), notes.get("ip"), notes.get("browser"), notes.get("os"),
                    Integer.parseInt(notes.getOrDefault("mute", "20")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
