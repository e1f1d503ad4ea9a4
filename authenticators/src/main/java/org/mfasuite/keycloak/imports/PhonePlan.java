package org.mfasuite.keycloak.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.mfasuite.keycloak.sms.PhoneNumbers;
import org.mfasuite.keycloak.sms.PhonePolicy;

/**
 * Decides, before anything is written, what each row does: numbers added (office numbers as call-only landlines),
 * numbers the user already has, the default method set, or a problem — all by the realm's phone rules. Reads the
 * realm only through {@link Directory}, so every rule is unit-tested without a server.
 */
public final class PhonePlan {

    /** Finds a user by username (then email): null when none, {@link Holder#AMBIGUOUS} when several. */
    public interface Directory {
        Holder find(String usernameOrEmail);
    }

    /** A phone the user has: its credential, E.164 number, whether calls only. */
    public record Existing(String credentialId, String e164, boolean landline) {
    }

    /**
     * What the plan needs to know of a user.
     *
     * @param firstCredentialId the first credential of the user's order (their default), or null
     * @param appCredentialId   a push device, else an authenticator app, or null
     * @param tokenCredentialId a hardware token, or null
     */
    public record Holder(String id, String username, List<Existing> phones, String firstCredentialId,
                         String appCredentialId, String tokenCredentialId) {
        public static final Holder AMBIGUOUS = new Holder(null, null, List.of(), null, null, null);
    }

    /**
     * The realm's rules.
     *
     * @param callsOffered the realm has an enabled phone-call step: landlines can get codes
     */
    public record Rules(PhonePolicy policy, boolean callsOffered) {
    }

    public enum Action { ADD, ALREADY, DEFAULT, SKIP }

    /**
     * One line of the plan. {@code number}: E.164 when it could be read, else as written. A default-method step
     * ({@code column} default_method) has {@code method} ({@code sms}, {@code voice}, {@code app}, {@code token}) and
     * names its target by {@code targetCredentialId} (a credential the user has) or, when that is null,
     * {@code number} (a phone this import adds).
     */
    public record Step(int row, String user, String userId, String column, String number, boolean landline,
                       Action action, String method, String targetCredentialId, PhoneRow.Problem problem) {
    }

    private final List<Step> steps;

    private PhonePlan(List<Step> steps) {
        this.steps = steps;
    }

    public static PhonePlan of(PhoneFile file, Directory directory, Rules rules) {
        List<Step> steps = new ArrayList<>(file.rows().size() * 2);
        Map<String, Integer> seenUsers = new HashMap<>();
        for (PhoneRow row : file.rows()) {
            plan(row, directory, rules, seenUsers, steps);
        }
        return new PhonePlan(steps);
    }

    private static void plan(PhoneRow row, Directory directory, Rules rules, Map<String, Integer> seenUsers,
                             List<Step> steps) {
        if (row.problem() != null) {
            steps.add(skip(row, null, null, row.problem()));
            return;
        }
        Holder holder = directory.find(row.user());
        if (holder == null || holder == Holder.AMBIGUOUS) {
            steps.add(skip(row, null, null, new PhoneRow.Problem("unknown-user", holder == null
                    ? "No user has this username or email." : "Several users have this email; use the username.")));
            return;
        }
        Integer earlier = seenUsers.putIfAbsent(holder.id(), row.row());
        if (earlier != null) {
            steps.add(skip(row, null, null, new PhoneRow.Problem("duplicate",
                    "The user is already in row " + earlier + "; give each user one row.")));
            return;
        }
        Set<String> inRow = new HashSet<>();
        Set<String> has = new HashSet<>();
        holder.phones().forEach(p -> has.add(p.e164()));
        int count = holder.phones().size();
        List<Step> numbers = new ArrayList<>();
        for (PhoneRow.Number n : row.numbers()) {
            Step step = number(row, holder, n, rules, inRow, has, count);
            if (step.action() == Action.ADD) {
                count++;
            }
            numbers.add(step);
        }
        steps.addAll(numbers);
        DefaultMethodCell choice = DefaultMethodCell.parse(row.defaultMethod());
        if (choice == null) {
            steps.add(skip(row, holder, PhoneRow.DEFAULT_METHOD, new PhoneRow.Problem("malformed",
                    "default_method must be sms, voice, app or token.")));
        } else if (!choice.keep()) {
            steps.add(defaultStep(row, holder, choice, numbers));
        }
    }

    private static Step number(PhoneRow row, Holder holder, PhoneRow.Number n, Rules rules, Set<String> inRow,
                               Set<String> has, int count) {
        PhonePolicy policy = rules.policy();
        String region = n.region() != null ? n.region() : policy.defaultRegion();
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(n.raw(), region, true);
        if (!parsed.ok()) {
            return skipNumber(row, holder, n, n.raw(), "malformed", switch (parsed.problem()) {
                case MISSING_COUNTRY_CODE -> "The number has no country code (+46 …) and the realm has no default region.";
                case NOT_MOBILE -> "The number is neither a mobile nor a landline (premium, shared cost, …).";
                default -> "This is not a phone number.";
            });
        }
        String e164 = parsed.e164();
        boolean office = PhoneRow.OFFICE.equals(n.column());
        if (parsed.landline() && !office && !policy.allowLandlines()) {
            return skipNumber(row, holder, n, e164, "not-mobile", "The number is a landline: it cannot get texts. "
                    + "Put it in office_phone (calls only), or allow landlines in the realm's phone settings.");
        }
        boolean landline = office || parsed.landline();
        if (landline && !rules.callsOffered()) {
            return skipNumber(row, holder, n, e164, "calls-not-offered", "Office numbers and landlines get codes by "
                    + "call only, and the realm has no enabled phone call (voice) step.");
        }
        if (!policy.allows(e164)) {
            return skipNumber(row, holder, n, e164, "region-not-allowed",
                    "The realm does not allow numbers of this country.");
        }
        if (!inRow.add(e164)) {
            return skipNumber(row, holder, n, e164, "duplicate", "The number appears twice for this user.");
        }
        if (has.contains(e164)) {
            return new Step(row.row(), row.user(), holder.id(), n.column(), e164, landline, Action.ALREADY, null, null,
                    null);
        }
        if (count >= policy.maxPhones()) {
            return skipNumber(row, holder, n, e164, "too-many-phones",
                    "The user would have more phones than the realm allows (" + policy.maxPhones() + ").");
        }
        return new Step(row.row(), row.user(), holder.id(), n.column(), e164, landline, Action.ADD, null, null, null);
    }

    private static Step defaultStep(PhoneRow row, Holder holder, DefaultMethodCell choice, List<Step> numbers) {
        String credentialId = null;
        String number = null;
        DefaultMethodCell.Method method = choice.method();
        if (method == DefaultMethodCell.Method.APP || method == DefaultMethodCell.Method.TOKEN) {
            credentialId = method == DefaultMethodCell.Method.APP ? holder.appCredentialId() : holder.tokenCredentialId();
            if (credentialId == null) {
                return skip(row, holder, PhoneRow.DEFAULT_METHOD, method == DefaultMethodCell.Method.APP
                        ? new PhoneRow.Problem("no-app", "The user has no authenticator app or push device yet.")
                        : new PhoneRow.Problem("no-token", "The user has no hardware token yet."));
            }
        } else {
            boolean texts = method == DefaultMethodCell.Method.SMS;
            Step chosen = null;
            for (Step s : numbers) {
                boolean usable = s.action() == Action.ADD || s.action() == Action.ALREADY;
                if (usable && (!texts || !s.landline()) && (chosen == null
                        || choice.column() != null && choice.column().equals(s.column())
                        && !choice.column().equals(chosen.column()))) {
                    chosen = s;
                }
            }
            if (chosen != null) {
                number = chosen.number();
                if (chosen.action() == Action.ALREADY) {
                    credentialId = credentialOf(holder, number);
                }
            } else {
                Existing first = holder.phones().stream().filter(p -> !texts || !p.landline()).findFirst().orElse(null);
                credentialId = first == null ? null : first.credentialId();
                number = first == null ? null : first.e164();
                if (credentialId == null) {
                    return skip(row, holder, PhoneRow.DEFAULT_METHOD, new PhoneRow.Problem("no-phone", texts
                            ? "The user has no number that can get texts." : "The user has no phone number."));
                }
            }
        }
        Action action = credentialId != null && credentialId.equals(holder.firstCredentialId()) ? Action.ALREADY
                : Action.DEFAULT;
        return new Step(row.row(), row.user(), holder.id(), PhoneRow.DEFAULT_METHOD, number, false, action,
                method.name().toLowerCase(Locale.ROOT), credentialId, null);
    }

    private static String credentialOf(Holder holder, String e164) {
        return holder.phones().stream().filter(p -> p.e164().equals(e164)).map(Existing::credentialId).findFirst()
                .orElse(null);
    }

    private static Step skip(PhoneRow row, Holder holder, String column, PhoneRow.Problem problem) {
        return new Step(row.row(), row.user(), holder == null ? null : holder.id(), column, null, false, Action.SKIP,
                null, null, problem);
    }

    private static Step skipNumber(PhoneRow row, Holder holder, PhoneRow.Number n, String number, String reason,
                                   String message) {
        return new Step(row.row(), row.user(), holder.id(), n.column(), number, false, Action.SKIP, null, null,
                new PhoneRow.Problem(reason, message));
    }

    public List<Step> steps() {
        return steps;
    }

    public boolean hasSkips() {
        return steps.stream().anyMatch(s -> s.action() == Action.SKIP);
    }
}
