package org.mfasuite.keycloak.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file's names (lower case) matched to the realm's users: by username first; a name with {@code @} that is
 * nobody's username, by email; an email several users have is ambiguous. Fed user by user, whether the users come
 * from batched look-ups or from one pass over the realm, so both give the same answer.
 */
final class UserMatches {

    private final Set<String> names;
    private final Map<String, String> byUsername = new HashMap<>();
    private final List<String[]> emailHits = new ArrayList<>();
    private final Map<String, String> byEmail = new HashMap<>();
    private final Set<String> sharedEmails = new HashSet<>();

    /** @param names the file's usernames and emails, trimmed and in lower case (as Keycloak stores them) */
    UserMatches(Set<String> names) {
        this.names = names;
    }

    /** One user of the realm; a user the file does not name is forgotten at once. */
    void user(String id, String username, String email) {
        if (username != null && names.contains(username)) {
            byUsername.put(username, id);
        }
        if (email != null && email.contains("@") && names.contains(email)) {
            emailHits.add(new String[] {email, id});
        }
    }

    /** Call once, after the last {@link #user}. */
    UserMatches done() {
        for (String[] hit : emailHits) {
            if (!byUsername.containsKey(hit[0]) && byEmail.putIfAbsent(hit[0], hit[1]) != null) {
                sharedEmails.add(hit[0]);
            }
        }
        emailHits.clear();
        return this;
    }

    /** Whether the name is somebody's username (then it is not looked up as an email). */
    boolean isUsername(String name) {
        return byUsername.containsKey(name);
    }

    /** The user's id, null when nobody has the name, {@link #AMBIGUOUS} when several users have the email. */
    String find(String name) {
        String id = byUsername.get(name);
        if (id == null && sharedEmails.contains(name)) {
            return AMBIGUOUS;
        }
        return id != null ? id : byEmail.get(name);
    }

    /** Every matched user's id (each once). */
    Set<String> ids() {
        Set<String> ids = new HashSet<>(byUsername.values());
        ids.addAll(byEmail.values());
        return ids;
    }

    static final String AMBIGUOUS = "\u0000ambiguous";
}
