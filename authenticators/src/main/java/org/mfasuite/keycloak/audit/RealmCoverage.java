package org.mfasuite.keycloak.audit;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.mfasuite.keycloak.registration.MethodCatalog;
import org.mfasuite.keycloak.registration.RealmMethods;
import org.mfasuite.keycloak.registration.RegisterSettings;

/**
 * Counts {@link Coverage} with Keycloak's user queries: users in pages of {@value #PAGE} (service accounts left
 * out), each user's stored credentials once (Keycloak's user cache serves repeats), and the campaign groups'
 * members (sub-groups included; disabled users are not waited for). One credential read per user: realms above {@link #USER_LIMIT} users are
 * skipped rather than read whole in one admin request.
 */
final class RealmCoverage {

    static final int PAGE = 500;
    static final int USER_LIMIT = 20_000;

    private RealmCoverage() {
    }

    static Coverage of(KeycloakSession session, RealmModel realm) {
        int count = session.users().getUsersCount(realm, false);
        if (count > USER_LIMIT) {
            return Coverage.skipped("the realm has " + count + " users, more than " + USER_LIMIT
                    + " that one report reads");
        }
        RealmMethods methods = RealmMethods.of(session, realm);
        Coverage.Tally tally = new Coverage.Tally();
        Map<String, String> all = Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false");
        for (int first = 0; ; first += PAGE) {
            List<UserModel> page = session.users().searchForUserStream(realm, all, first, PAGE).toList();
            page.forEach(user -> tally.user(methods.typesOf(user)));
            if (page.size() < PAGE) {
                break;
            }
        }
        List<String> groups = RegisterSettings.of(realm).campaignGroups();
        Set<String> waiting = new HashSet<>();
        Set<String> members = new HashSet<>();
        for (String path : groups) {
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, path);
            if (group != null) {
                countWaiting(session, realm, methods, group, waiting, members, new HashSet<>());
            }
        }
        return tally.done(groups, waiting.size(), members.size());
    }

    /** Enabled members of the group and its sub-groups, and those of them without a method the realm offers. */
    private static void countWaiting(KeycloakSession session, RealmModel realm, RealmMethods methods, GroupModel group,
                                     Set<String> waiting, Set<String> members, Set<String> visited) {
        if (!visited.add(group.getId())) {
            return;
        }
        for (int first = 0; ; first += PAGE) {
            List<UserModel> page = session.users().getGroupMembersStream(realm, group, first, PAGE).toList();
            page.stream().filter(UserModel::isEnabled).forEach(u -> {
                members.add(u.getId());
                if (!MethodCatalog.hasOffered(methods.offered(), methods.typesOf(u))) {
                    waiting.add(u.getId());
                }
            });
            if (page.size() < PAGE) {
                break;
            }
        }
        group.getSubGroupsStream().forEach(g -> countWaiting(session, realm, methods, g, waiting, members, visited));
    }
}
