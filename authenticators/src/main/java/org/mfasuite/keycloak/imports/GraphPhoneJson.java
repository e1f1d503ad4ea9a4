package org.mfasuite.keycloak.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads Microsoft Graph's phone authentication methods, one user per object. Accepted shapes (top level): an array
 * of user objects, or Graph's paging envelope {@code {"value": [ … ]}} of them, or one user object. A user object:
 * <pre>
 * {"userPrincipalName": "anna@example.org",            (or "username", "mail", "email")
 *  "phoneMethods": [ {"phoneNumber": "+46 701234567", "phoneType": "mobile"}, … ],
 *                                                      (or Graph's answer as is: {"value": [ … ]})
 *  "defaultMethod": "sms"}                             (optional; or "signInPreferences":
 *                                                       {"userPreferredMethodForSecondaryAuthentication": "push"})
 * </pre>
 * {@code phoneMethods} is what {@code GET /users/{id}/authentication/phoneMethods} returns; {@code phoneType}
 * {@code mobile} → phone, {@code alternateMobile} → alternate_phone, {@code office} → office_phone. Graph writes an
 * extension as {@code x1234} after the number: it is dropped (codes cannot dial it).
 */
public final class GraphPhoneJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of("mobile", PhoneRow.PHONE,
            "alternatemobile", PhoneRow.ALTERNATE, "office", PhoneRow.OFFICE);

    private GraphPhoneJson() {
    }

    public static PhoneFile parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (IOException e) {
            return PhoneFile.refused("graph-json", "malformed-file", "The file is not JSON.");
        }
        JsonNode users = root != null && root.isObject() && root.has("value") ? root.get("value") : root;
        List<JsonNode> list = new ArrayList<>();
        if (users != null && users.isArray()) {
            users.forEach(list::add);
        } else if (users != null && users.isObject()) {
            list.add(users);
        } else {
            return PhoneFile.refused("graph-json", "malformed-file",
                    "Expected an array of users, each with userPrincipalName and phoneMethods.");
        }
        if (list.size() > PhoneFile.MAX_ROWS) {
            return PhoneFile.tooManyRows("graph-json");
        }
        List<PhoneRow> rows = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            rows.add(row(i + 1, list.get(i)));
        }
        return PhoneFile.of("graph-json", rows);
    }

    private static PhoneRow row(int number, JsonNode user) {
        if (!user.isObject()) {
            return PhoneRow.broken(number, null, "malformed", "The entry is not a user object.");
        }
        String name = text(user, "userPrincipalName", "username", "mail", "email");
        if (name == null) {
            return PhoneRow.broken(number, null, "malformed", "The user object has no userPrincipalName.");
        }
        JsonNode methods = user.get("phoneMethods");
        if (methods != null && methods.isObject()) {
            methods = methods.get("value");
        }
        List<PhoneRow.Number> numbers = new ArrayList<>();
        if (methods != null && !methods.isNull()) {
            if (!methods.isArray()) {
                return PhoneRow.broken(number, name, "malformed", "phoneMethods must be an array.");
            }
            for (JsonNode method : methods) {
                String phone = text(method, "phoneNumber");
                String type = text(method, "phoneType");
                String column = type == null ? null : TYPES.get(type.toLowerCase(java.util.Locale.ROOT));
                if (phone == null || column == null) {
                    return PhoneRow.broken(number, name, "malformed", "Each phone method needs phoneNumber and "
                            + "phoneType mobile, alternateMobile or office.");
                }
                numbers.add(new PhoneRow.Number(column, phone.replaceFirst("\\s*[xX]\\s*\\d+\\s*$", ""), null));
            }
        }
        String preferred = text(user, "defaultMethod");
        JsonNode preferences = user.get("signInPreferences");
        if (preferred == null && preferences != null && preferences.isObject()) {
            preferred = text(preferences, "userPreferredMethodForSecondaryAuthentication");
        }
        return new PhoneRow(number, name, numbers, preferred, null);
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText().trim();
            }
        }
        return null;
    }
}
