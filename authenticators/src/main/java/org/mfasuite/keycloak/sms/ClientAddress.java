package org.mfasuite.keycloak.sms;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whose budget a client address counts against. An IPv4 address counts alone; an IPv6 address counts with
 * its /64, since one subscriber gets a whole /64 and could otherwise spread sends over 2^64 addresses.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String budgetKey(String address) {
        if (address == null || !address.contains(":")) {
            return address;
        }
        try {
            // a literal address (Keycloak's resolved client address): no lookup happens
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
