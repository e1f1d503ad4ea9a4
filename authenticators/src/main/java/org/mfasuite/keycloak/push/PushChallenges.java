package org.mfasuite.keycloak.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Pending push requests and their answers, in Keycloak's cluster-wide single-use store: a sign-in served by one
 * node sees the answer a device gave to another. A user has at most {@link #MAX_PENDING} requests open at once
 * (each in a slot a device can list); the first answer to a request wins, on any node.
 * <p>
 * The store applies {@code put} when the request commits and acts at once on {@code putIfAbsent} and
 * {@code remove}: slots and "answered" markers use the latter, so two nodes can never both take one.
 */
public final class PushChallenges {

    public static final int MAX_PENDING = 10;
    /** Kept past expiry so a late answer is told "expired", not "unknown". */
    private static final int GRACE_SECONDS = 120;

    /** How the device's answer ended. */
    public enum Result {
        APPROVED, DENIED, REPORTED, WRONG_NUMBER;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a device may do with a request. */
    public enum Action {
        APPROVE, DENY, REPORT
    }

    /** A recorded answer: its result and the device that gave it. */
    public record Answer(Result result, String deviceLabel, String deviceCredentialId) {
    }

    private final SingleUseObjectProvider store;

    public PushChallenges(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** Stores a new request; false when the user already has {@link #MAX_PENDING} open. */
    public boolean open(PushChallenge challenge, long now) {
        long lifespan = Math.max(1, challenge.expires() - now) + GRACE_SECONDS;
        for (int slot = 0; slot < MAX_PENDING; slot++) {
            if (store.putIfAbsent(slotKey(challenge.userId(), slot), Math.max(1, challenge.expires() - now))) {
                Map<String, String> notes = challenge.toNotes();
                notes.put("slot", Integer.toString(slot));
                store.put(challengeKey(challenge.id()), lifespan, notes);
                store.put(slotRefKey(challenge.userId(), slot), lifespan, Map.of("id", challenge.id()));
                return true;
            }
        }
        return false;
    }

    public PushChallenge load(String id) {
        return id == null ? null : PushChallenge.fromNotes(store.get(challengeKey(id)));
    }

    /** The user's requests a device may still answer, oldest first. */
    public List<PushChallenge> pending(String userId, long now) {
        List<PushChallenge> pending = new ArrayList<>();
        for (int slot = 0; slot < MAX_PENDING; slot++) {
            Map<String, String> ref = store.get(slotRefKey(userId, slot));
            PushChallenge challenge = ref == null ? null : load(ref.get("id"));
            if (challenge != null && challenge.userId().equals(userId) && challenge.isLive(now)
                    && !store.contains(answeredKey(challenge.id()))) {
                pending.add(challenge);
            }
        }
        pending.sort(java.util.Comparator.comparingLong(PushChallenge::created));
        return pending;
    }

    /** Outcome of a device's answer. */
    public enum Recorded {
        RECORDED, NOT_FOUND, EXPIRED, ALREADY_ANSWERED
    }

    /** What happened to a device's answer: the result when it was recorded, and the request it answered. */
    public record Outcome(Recorded recorded, Result result, PushChallenge challenge) {
    }

    /**
     * Records a device's answer to a request of ITS user: the first answer wins cluster-wide. An approval with
     * the wrong number is recorded as {@link Result#WRONG_NUMBER}: the request is used up, as a wrong code is.
     */
    public Outcome answer(String id, String userId, Action action, Integer number, String deviceLabel,
                           String deviceCredentialId, long now) {
        PushChallenge challenge = load(id);
        if (challenge == null || !challenge.userId().equals(userId)) {
            return new Outcome(Recorded.NOT_FOUND, null, null);
        }
        if (!challenge.isLive(now)) {
            return new Outcome(Recorded.EXPIRED, null, challenge);
        }
        if (!store.putIfAbsent(answeredKey(id), Math.max(1, challenge.expires() - now) + GRACE_SECONDS)) {
            return new Outcome(Recorded.ALREADY_ANSWERED, null, challenge);
        }
        Result result = switch (action) {
            case APPROVE -> challenge.match().matches(number) ? Result.APPROVED : Result.WRONG_NUMBER;
            case DENY -> Result.DENIED;
            case REPORT -> Result.REPORTED;
        };
        store.put(answerKey(id), GRACE_SECONDS + Math.max(1, challenge.expires() - now),
                Map.of("result", result.name(), "device", deviceLabel == null ? "" : deviceLabel,
                        "credential", deviceCredentialId == null ? "" : deviceCredentialId));
        releaseSlot(challenge);
        return new Outcome(Recorded.RECORDED, result, challenge);
    }

    /** The answer, if one arrived; does not use it up. */
    public Answer answerOf(String id) {
        return toAnswer(id == null ? null : store.get(answerKey(id)));
    }

    /** Takes the answer: a second caller (a replayed or doubled form post) gets null. */
    public Answer consume(String id) {
        return toAnswer(id == null ? null : store.remove(answerKey(id)));
    }

    /** Whether an answer is stored for the request (the login page's wait). */
    public boolean isAnswered(String id) {
        return store.contains(answerKey(id));
    }

    /** The sign-in moved on (a new request, another method): nobody can answer this one any more. */
    public void close(String id, long now) {
        PushChallenge challenge = load(id);
        if (challenge != null) {
            store.putIfAbsent(answeredKey(id), Math.max(1, challenge.expires() - now) + GRACE_SECONDS);
            releaseSlot(challenge);
        }
    }

    private void releaseSlot(PushChallenge challenge) {
        Map<String, String> notes = store.get(challengeKey(challenge.id()));
        if (notes != null && notes.get("slot") != null) {
            store.remove(slotKey(challenge.userId(), Integer.parseInt(notes.get("slot"))));
        }
    }

    private static Answer toAnswer(Map<String, String> notes) {
        if (notes == null || notes.get("result") == null) {
            return null;
        }
        return new Answer(Result.valueOf(notes.get("result")), notes.get("device"), notes.get("credential"));
    }

    private static String challengeKey(String id) {
        return "mfa-push:c:" + id;
    }

    private static String answeredKey(String id) {
        return "mfa-push:answered:" + id;
    }

    private static String answerKey(String id) {
        return "mfa-push:a:" + id;
    }

    private static String slotKey(String userId, int slot) {
        return "mfa-push:slot:" + userId + ":" + slot;
    }

    private static String slotRefKey(String userId, int slot) {
        return "mfa-push:slotref:" + userId + ":" + slot;
    }
}
