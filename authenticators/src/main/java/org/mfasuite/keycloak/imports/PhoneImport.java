package org.mfasuite.keycloak.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.mfasuite.keycloak.flow.DefaultChoice;
import org.mfasuite.keycloak.flow.StepConfig;
import org.mfasuite.keycloak.oath.FlushAtCommit;
import org.mfasuite.keycloak.oath.TokenPool;
import org.mfasuite.keycloak.sms.PhoneCredentialModel;
import org.mfasuite.keycloak.sms.PhoneCredentialProvider;
import org.mfasuite.keycloak.sms.PhonePolicy;
import org.mfasuite.keycloak.sms.VoiceAuthenticatorFactory;

/**
 * Runs a phone import against the realm: looks the file's users up in batches (one query per 1,000 usernames, or
 * one pass over the realm's users for a file naming a large share of them; one query per 1,000 users for their
 * credentials; users of a federation provider one by one), plans, refuses the whole file on a problem
 * unless partial, then stores the phones and sets the defaults, 500 users per transaction. One import
 * per realm at a time, cluster-wide.
 */
public final class PhoneImport {

    static final int BATCH = 1000;
    static final int USERS_PER_TRANSACTION = 500;
    /** A file naming at least one in this many of the realm's users (and more than a batch) reads them in one pass. */
    static final int ONE_PASS_SHARE = 20;
    /** Hibernate's JDBC fetch size hint (org.hibernate.jpa.HibernateHints.HINT_FETCH_SIZE). */
    private static final String FETCH_SIZE = "org.hibernate.fetchSize";
    static final long LOCK_SECONDS = 600;
    private static final String PUSH_TYPE = "mfa-push-device";
    /** The provider type of user federation components (org.keycloak.storage.UserStorageProvider, not on our classpath). */
    private static final String USER_STORAGE = "org.keycloak.storage.UserStorageProvider";
    private static final Logger LOG = Logger.getLogger(PhoneImport.class);
    /** This thread's CPU time, for the timings at DEBUG (the wall time depends on what else the machine runs). */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final KeycloakSession session;
    private final RealmModel realm;
    /** Whether the realm has a user federation (LDAP, Kerberos, custom); looked up once. */
    private Boolean federation;

    public PhoneImport(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** With {@code dryRun}: the same plan and report, nothing written. Null when another import runs. */
    public PhoneImportReport run(PhoneFile file, boolean partial, boolean dryRun) {
        if (file.error() != null) {
            PhoneImportReport failed = PhoneImportReport.failed(file.format(), partial, file.error());
            return dryRun ? failed.asDryRun() : failed;
        }
        // claimed before planning: a file sent twice is planned only after the first run has written
        if (!dryRun && !lock()) {
            return null;
        }
        try (FlushAtCommit quiet = FlushAtCommit.during(session)) {
            long start = System.nanoTime();
            long cpu = CPU.getCurrentThreadCpuTime();
            PhonePlan.Directory directory = directory(file);
            long found = System.nanoTime();
            PhonePlan plan = PhonePlan.of(file, directory,
                    new PhonePlan.Rules(PhonePolicy.of(realm), StepConfig.isEnabled(realm, VoiceAuthenticatorFactory.PROVIDER_ID)));
            long planned = System.nanoTime();
            if (dryRun) {
                return PhoneImportReport.of(file, plan, false, partial).asDryRun();
            }
            if (plan.hasSkips() && !partial) {
                return PhoneImportReport.of(file, plan, false, false);
            }
            PhoneImportReport.Written written = write(plan);
            long wrote = System.nanoTime();
            PhoneImportReport report = PhoneImportReport.of(file, plan, partial, written);
            LOG.debugf("Realm %s: phone import of %d rows: users found in %d ms, planned in %d ms, written in %d ms, "
                    + "reported in %d ms (%d ms CPU in all)", realm.getName(), file.rows().size(), (found - start) / 1_000_000,
                    (planned - found) / 1_000_000, (wrote - planned) / 1_000_000, (System.nanoTime() - wrote) / 1_000_000,
                    (CPU.getCurrentThreadCpuTime() - cpu) / 1_000_000);
            return report;
        }
    }

    /**
     * Writes the plan in transactions of {@link #USERS_PER_TRANSACTION} users, each in its own session: a session
     * keeps every user and credential it loaded, so one transaction for 100,000 rows runs out of heap. The file as a
     * whole was checked before (the plan), so all-or-nothing holds for the rows; should the database fail half way,
     * writing stops, the users written stay written and a second run adds only the rest (the import is idempotent).
     */
    private PhoneImportReport.Written write(PhonePlan plan) {
        List<List<PhonePlan.Step>> chunks = new ArrayList<>();
        List<PhonePlan.Step> chunk = new ArrayList<>();
        String lastUser = null;
        int users = 0;
        int total = 0;
        for (PhonePlan.Step step : plan.steps()) {
            if (step.action() != PhonePlan.Action.ADD && step.action() != PhonePlan.Action.DEFAULT) {
                continue;
            }
            if (!step.userId().equals(lastUser)) {
                if (users == USERS_PER_TRANSACTION) {
                    chunks.add(chunk);
                    chunk = new ArrayList<>();
                    users = 0;
                }
                lastUser = step.userId();
                users++;
                total++;
            }
            chunk.add(step);
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        Set<String> gone = new HashSet<>();
        Set<String> unwritten = new HashSet<>();
        int written = 0;
        long renewed = System.currentTimeMillis();
        for (int i = 0; i < chunks.size(); i++) {
            List<PhonePlan.Step> steps = chunks.get(i);
            try {
                gone.addAll(writeInOwnTransaction(steps));
                written += (int) steps.stream().map(PhonePlan.Step::userId).distinct().count();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Realm %s: phone import stopped after %d of %d users", realm.getName(), written, total);
                for (List<PhonePlan.Step> rest : chunks.subList(i, chunks.size())) {
                    rest.forEach(s -> unwritten.add(s.userId()));
                }
                break;
            }
            if (System.currentTimeMillis() - renewed > LOCK_SECONDS * 1000 / 2) {
                // a long write keeps its claim (the lock would expire after LOCK_SECONDS)
                session.singleUseObjects().put(lockKey(), LOCK_SECONDS, Map.of());
                renewed = System.currentTimeMillis();
            }
        }
        return new PhoneImportReport.Written(gone, unwritten, written, total);
    }

    /** @return the ids of users deleted since planning (nothing written for them) */
    private Set<String> writeInOwnTransaction(List<PhonePlan.Step> steps) {
        Set<String> gone = new HashSet<>();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            gone.clear();
            RealmModel ownRealm = own.realms().getRealm(realm.getId());
            own.getContext().setRealm(ownRealm);
            try (FlushAtCommit quiet = FlushAtCommit.during(own)) {
                write(own, ownRealm, steps, gone);
            }
        });
        return gone;
    }

    /** @param steps whole users' steps, each user's steps one after the other */
    private static void write(KeycloakSession session, RealmModel realm, List<PhonePlan.Step> steps, Set<String> gone) {
        PhoneCredentialProvider phones = PhoneCredentialProvider.of(session);
        String userId = null;
        UserModel user = null;
        Map<String, String> added = new HashMap<>();
        Map<UserModel, String> defaults = new java.util.LinkedHashMap<>();
        for (PhonePlan.Step step : steps) {
            if (!step.userId().equals(userId)) {
                userId = step.userId();
                user = session.users().getUserById(realm, userId);
                added.clear();
                if (user == null) {
                    gone.add(userId);
                }
            }
            if (user == null) {
                continue;
            }
            if (step.action() == PhonePlan.Action.ADD) {
                CredentialModel stored = phones.createCredential(realm, user,
                        PhoneCredentialModel.createFromNumber(step.number(), step.landline()));
                added.put(step.number(), stored.getId());
            } else {
                String target = step.targetCredentialId() != null ? step.targetCredentialId() : added.get(step.number());
                if (target != null) {
                    defaults.put(user, target);
                }
            }
        }
        if (!defaults.isEmpty()) {
            // moving reads the user's credentials by query: the new ones must be in the database first (one flush)
            session.getProvider(JpaConnectionProvider.class).getEntityManager().flush();
            defaults.forEach(DefaultChoice::setByAdmin);
        }
    }

    private String lockKey() {
        return "mfa-phone-import." + realm.getId();
    }

    /** The realm-wide claim: false while another import of this realm runs (on any node). */
    private boolean lock() {
        String key = lockKey();
        if (!session.singleUseObjects().putIfAbsent(key, LOCK_SECONDS)) {
            return false;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                session.singleUseObjects().remove(key);
            }

            @Override
            protected void rollbackImpl() {
                session.singleUseObjects().remove(key);
            }
        });
        return true;
    }

    /**
     * Every user the file names, found before planning: in batches of {@link #BATCH} names, or, when the file names
     * more than a batch and at least one in {@link #ONE_PASS_SHARE} of the realm's users, in one pass over the
     * realm's users (streamed; only the matches are kept). Why: a database that cannot use the (realm, username)
     * index for an {@code in} list (H2) reads every user of the realm for every batch, so 100,000 names cost
     * 100 × 100,000 rows.
     */
    private PhonePlan.Directory directory(PhoneFile file) {
        Set<String> keys = new HashSet<>();
        for (PhoneRow row : file.rows()) {
            if (row.user() != null) {
                keys.add(row.user().trim().toLowerCase(Locale.ROOT));
            }
        }
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        UserMatches matches = new UserMatches(keys);
        if (keys.size() > BATCH && onePass(keys.size(), em.createQuery("select count(u) from UserEntity u "
                + "where u.realmId = :realm", Long.class).setParameter("realm", realm.getId()).getSingleResult())) {
            try (Stream<Object[]> users = em.createQuery("select u.id, u.username, u.email from UserEntity u "
                            + "where u.realmId = :realm", Object[].class).setParameter("realm", realm.getId())
                    .setHint(FETCH_SIZE, BATCH).getResultStream()) {
                users.forEach(u -> matches.user((String) u[0], (String) u[1], (String) u[2]));
            }
        } else {
            List<String> all = new ArrayList<>(keys);
            for (int i = 0; i < all.size(); i += BATCH) {
                List<String> batch = all.subList(i, Math.min(all.size(), i + BATCH));
                for (Object[] u : em.createQuery("select u.id, u.username from UserEntity u where u.realmId = :realm "
                                + "and u.username in :names", Object[].class)
                        .setParameter("realm", realm.getId()).setParameter("names", batch).getResultList()) {
                    matches.user((String) u[0], (String) u[1], null);
                }
                List<String> emails = batch.stream().filter(k -> k.contains("@") && !matches.isUsername(k)).toList();
                if (!emails.isEmpty()) {
                    for (Object[] u : em.createQuery("select u.id, u.email from UserEntity u where u.realmId = :realm "
                                    + "and u.email in :emails", Object[].class)
                            .setParameter("realm", realm.getId()).setParameter("emails", emails).getResultList()) {
                        matches.user((String) u[0], null, (String) u[1]);
                    }
                }
            }
        }
        matches.done();
        Map<String, PhonePlan.Holder> holders = holders(em, matches.ids());
        return name -> {
            String key = name.trim().toLowerCase(Locale.ROOT);
            String id = matches.find(key);
            if (UserMatches.AMBIGUOUS.equals(id)) {
                return PhonePlan.Holder.AMBIGUOUS;
            }
            return id != null ? holders.get(id) : federated(key);
        };
    }

    /** One pass over the realm's users rather than batches: the file names more than a batch and a large share. */
    static boolean onePass(int names, long realmUsers) {
        return names > BATCH && (long) names * ONE_PASS_SHARE >= realmUsers;
    }

    private Map<String, PhonePlan.Holder> holders(EntityManager em, Set<String> ids) {
        Map<String, List<Object[]>> credentials = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += BATCH) {
            List<String> batch = all.subList(i, Math.min(all.size(), i + BATCH));
            for (Object[] u : em.createQuery("select u.id, u.username from UserEntity u where u.id in :ids",
                    Object[].class).setParameter("ids", batch).getResultList()) {
                names.put((String) u[0], (String) u[1]);
            }
            for (Object[] c : em.createQuery("select c.user.id, c.id, c.type, c.credentialData, c.priority "
                            + "from CredentialEntity c where c.user.id in :ids", Object[].class)
                    .setParameter("ids", batch).getResultList()) {
                credentials.computeIfAbsent((String) c[0], k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, PhonePlan.Holder> holders = new HashMap<>();
        for (String id : all) {
            // the user's order as Keycloak keeps it: by priority
            List<CredentialModel> stored = credentials.getOrDefault(id, List.<Object[]>of()).stream()
                    .sorted(java.util.Comparator.comparingInt(c -> (Integer) c[4])).map(c -> {
                        CredentialModel model = new CredentialModel();
                        model.setId((String) c[1]);
                        model.setType((String) c[2]);
                        model.setCredentialData((String) c[3]);
                        return model;
                    }).toList();
            holders.put(id, holder(id, names.get(id), stored));
        }
        return holders;
    }

    /**
     * A user of a federation provider (LDAP, …) is not in the tables: Keycloak finds it, one by one. Only in a realm
     * with a user federation: a lookup there may import the user into Keycloak (even on a dry run).
     */
    private PhonePlan.Holder federated(String key) {
        if (federation == null) {
            federation = realm.getComponentsStream(realm.getId(), USER_STORAGE).findAny().isPresent();
        }
        if (!federation) {
            return null;
        }
        UserModel user;
        try {
            user = session.users().getUserByUsername(realm, key);
            if (user == null && key.contains("@")) {
                user = session.users().getUserByEmail(realm, key);
            }
        } catch (ModelDuplicateException e) {
            return PhonePlan.Holder.AMBIGUOUS;
        }
        return user == null ? null
                : holder(user.getId(), user.getUsername(), user.credentialManager().getStoredCredentialsStream().toList());
    }

    /** @param stored the user's credentials in their order */
    private PhonePlan.Holder holder(String id, String username, List<CredentialModel> stored) {
        List<PhonePlan.Existing> phones = new ArrayList<>();
        String push = null;
        List<String> otps = new ArrayList<>();
        for (CredentialModel c : stored) {
            if (PhoneCredentialModel.TYPE.equals(c.getType())) {
                PhoneCredentialModel phone = PhoneCredentialModel.createFromCredentialModel(c);
                if (phone.getPhoneNumber() != null) {
                    phones.add(new PhonePlan.Existing(c.getId(), phone.getPhoneNumber(), phone.isLandline()));
                }
            } else if (PUSH_TYPE.equals(c.getType()) && push == null) {
                push = c.getId();
            } else if ("otp".equals(c.getType())) {
                otps.add(c.getId());
            }
        }
        String app = push;
        String token = null;
        if (!otps.isEmpty()) {
            Set<String> hardware = new TokenPool(session, realm).serialsByCredential(id).keySet();
            token = otps.stream().filter(hardware::contains).findFirst().orElse(null);
            if (app == null) {
                app = otps.stream().filter(o -> !hardware.contains(o)).findFirst().orElse(null);
            }
        }
        return new PhonePlan.Holder(id, username, phones, stored.isEmpty() ? null : stored.get(0).getId(), app, token);
    }
}
