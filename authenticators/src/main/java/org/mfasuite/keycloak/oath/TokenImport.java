package org.mfasuite.keycloak.oath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Runs an import against the realm: plans it over the registry and the users, refuses it whole when a row has a
 * problem (unless partial), claims each serial cluster-wide so two concurrent imports cannot both take it, then
 * writes OTP credentials and pool entries — all in the request's one transaction.
 */
public final class TokenImport {

    /** How long a serial stays claimed: enough for one import transaction to commit. */
    static final long CLAIM_SECONDS = 120;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TokenPool pool;
    private final List<String> claimed = new ArrayList<>();

    public TokenImport(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.pool = new TokenPool(session, realm);
    }

    public ImportReport run(TokenFile file, boolean partial) {
        return run(file, partial, false);
    }

    /** With {@code dryRun}: the same plan and report, nothing claimed or written. */
    public ImportReport run(TokenFile file, boolean partial, boolean dryRun) {
        ImportReport report;
        if (file.error() != null) {
            report = ImportReport.failed(file.format(), partial, file.error());
        } else {
            try (FlushAtCommit quiet = FlushAtCommit.during(session)) {
                report = checkAndWrite(file, partial, dryRun);
            }
        }
        return dryRun ? report.asDryRun() : report;
    }

    private ImportReport checkAndWrite(TokenFile file, boolean partial, boolean dryRun) {
        Map<String, TokenPool.Stored> stored = pool.all();
        ImportPlan plan = ImportPlan.of(file, this::userIdFor, serial -> known(stored.get(ImportPlan.key(serial))));
        if (plan.hasSkips() && !partial) {
            return ImportReport.of(file.format(), plan, false, false);
        }
        if (dryRun) {
            ImportReport would = ImportReport.of(file.format(), plan, true, partial);
            return OathActivation.required(realm) && would.assigned() > 0 ? would.withPendingActivation() : would;
        }
        for (ImportPlan.Step step : plan.steps()) {
            if (step.action() != ImportPlan.Action.SKIP && !claim(step.row().serial())) {
                return ImportReport.failed(file.format(), partial, new TokenRow.Problem("busy",
                        "Serial " + SafeText.cell(step.row().serial())
                                + " is being imported or assigned right now; try again in two minutes."));
            }
        }
        for (ImportPlan.Step step : plan.steps()) {
            TokenPool.Stored stale = step.replacesStale() ? stored.get(ImportPlan.key(step.row().serial())) : null;
            OathToken token = step.row().token();
            if (step.action() == ImportPlan.Action.ASSIGN) {
                UserModel user = session.users().getUserById(realm, step.userId());
                CredentialModel otp = user.credentialManager().createStoredCredential(
                        OathActivation.forAssignment(realm, token));
                OathActivation.afterAssignment(user, otp);
                pool.addAssigned(token, user.getId(), otp.getId(), stale);
            } else if (step.action() == ImportPlan.Action.POOL) {
                pool.addPooled(token, stale);
            }
        }
        ImportReport report = ImportReport.of(file.format(), plan, true, partial);
        return OathActivation.required(realm) && report.assigned() > 0 ? report.withPendingActivation() : report;
    }

    /**
     * A cluster-wide claim on a serial ({@code singleUseObjects}, replicated): false when someone else holds it. The
     * claim is let go when this request's transaction ends; the lifespan only covers a node dying mid-import.
     */
    boolean claim(String serial) {
        String key = "mfa-oath-serial." + realm.getId() + "." + ImportPlan.key(serial);
        if (!session.singleUseObjects().putIfAbsent(key, CLAIM_SECONDS)) {
            return false;
        }
        claimed.add(key);
        if (claimed.size() == 1) {
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    release();
                }

                @Override
                protected void rollbackImpl() {
                    release();
                }
            });
        }
        return true;
    }

    private void release() {
        claimed.forEach(key -> session.singleUseObjects().remove(key));
        claimed.clear();
    }

    private ImportPlan.Known known(TokenPool.Stored s) {
        if (s == null) {
            return ImportPlan.Known.NONE;
        }
        if (PoolEntry.POOLED.equals(s.entry().status())) {
            return new ImportPlan.Known(ImportPlan.State.POOLED, null);
        }
        return pool.isStale(s) ? new ImportPlan.Known(ImportPlan.State.STALE, null)
                : new ImportPlan.Known(ImportPlan.State.ASSIGNED, pool.holderName(s));
    }

    /** upn = username, else email. */
    String userIdFor(String upn) {
        UserModel user = session.users().getUserByUsername(realm, upn);
        if (user == null && upn.contains("@")) {
            user = session.users().getUserByEmail(realm, upn);
        }
        return user == null ? null : user.getId();
    }
}
