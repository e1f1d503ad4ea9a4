package org.mfasuite.keycloak.geo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files (format 2.0, https://maxmind.github.io/MaxMind-DB/) for the tests and the demo:
 * an IPv6 tree with 32-bit records, IPv4 networks under ::/96, data values built of maps, strings, doubles and
 * unsigned integers. Deterministic: the same networks and build time give the same bytes.
 */
public final class MmdbWriter {

    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    private final String databaseType;
    private final long buildEpoch;
    private final Node root = new Node();
    private final List<Object> values = new ArrayList<>();

    public MmdbWriter(String databaseType, long buildEpochSeconds) {
        this.databaseType = databaseType;
        this.buildEpoch = buildEpochSeconds;
    }

    /** A country database's record: {@code {"country": {"iso_code": "SE", "names": {"en": name}}}}. */
    public static Map<String, Object> country(String isoCode, String englishName) {
        return Map.of("country", Map.of("iso_code", isoCode, "names", Map.of("en", englishName)));
    }

    /** A city database's record: the country plus {@code "location": {"latitude", "longitude"}}. */
    public static Map<String, Object> city(String isoCode, String englishName, double latitude, double longitude) {
        Map<String, Object> record = new LinkedHashMap<>(country(isoCode, englishName));
        record.put("location", Map.of("latitude", latitude, "longitude", longitude));
        return record;
    }

    /** @param cidr e.g. {@code 192.0.2.0/24} or {@code 2001:db8::/32} (a literal, never resolved) */
    public MmdbWriter insert(String cidr, Map<String, Object> record) {
        int slash = cidr.indexOf('/');
        byte[] address = literal(cidr.substring(0, slash));
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        byte[] bits = new byte[16];
        if (address.length == 4) {
            System.arraycopy(address, 0, bits, 12, 4);
            prefix += 96;
        } else {
            bits = address;
        }
        Node node = root;
        for (int i = 0; i < prefix - 1; i++) {
            int bit = bit(bits, i);
            if (node.children[bit] == null) {
                node.children[bit] = new Node();
            }
            node = node.children[bit];
        }
        values.add(record);
        node.data[bit(bits, prefix - 1)] = record;
        return this;
    }

    public void write(Path file) throws IOException {
        Files.write(file, bytes());
    }

    public byte[] bytes() {
        List<Node> nodes = new ArrayList<>();
        Deque<Node> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            node.number = nodes.size();
            nodes.add(node);
            for (Node child : node.children) {
                if (child != null) {
                    queue.add(child);
                }
            }
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Map<Object, Integer> offsets = new IdentityHashMap<>();
        for (Object value : values) {
            if (!offsets.containsKey(value)) {
                offsets.put(value, data.size());
                encode(value, data);
            }
        }
        long nodeCount = nodes.size();
        ByteBuffer tree = ByteBuffer.allocate(nodes.size() * 8);
        for (Node node : nodes) {
            for (int side = 0; side < 2; side++) {
                long record;
                if (node.children[side] != null) {
                    record = node.children[side].number;
                } else if (node.data[side] != null) {
                    record = nodeCount + 16 + offsets.get(node.data[side]);
                } else {
                    record = nodeCount;
                }
                tree.putInt((int) record);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tree.array());
        out.writeBytes(new byte[16]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", new Unsigned(5, 2));
        metadata.put("binary_format_minor_version", new Unsigned(5, 0));
        metadata.put("build_epoch", new Unsigned(9, buildEpoch));
        metadata.put("database_type", databaseType);
        metadata.put("description", Map.of("en", "Generated by the Keycloak MFA Suite's tests"));
        metadata.put("ip_version", new Unsigned(5, 6));
        metadata.put("languages", List.of("en"));
        metadata.put("node_count", new Unsigned(6, nodeCount));
        metadata.put("record_size", new Unsigned(5, 32));
        encode(metadata, out);
        return out.toByteArray();
    }

    private record Unsigned(int type, long value) {
    }

    private static final class Node {
        final Node[] children = new Node[2];
        final Object[] data = new Object[2];
        int number;
    }

    private static int bit(byte[] bits, int index) {
        return (bits[index / 8] >> (7 - index % 8)) & 1;
    }

    private static byte[] literal(String text) {
        try {
            if (!text.contains(":") && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw new IllegalArgumentException("not an address literal: " + text);
            }
            byte[] address = InetAddress.getByName(text).getAddress();
            return address;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            control(2, utf8.length, out);
            out.writeBytes(utf8);
        } else if (value instanceof Double number) {
            control(3, 8, out);
            out.writeBytes(ByteBuffer.allocate(8).putDouble(number).array());
        } else if (value instanceof Unsigned number) {
            byte[] bytes = ByteBuffer.allocate(8).putLong(number.value()).array();
            int skip = 0;
            while (skip < 8 && bytes[skip] == 0) {
                skip++;
            }
            control(number.type(), 8 - skip, out);
            out.write(bytes, skip, 8 - skip);
        } else if (value instanceof Integer number) {
            encode(new Unsigned(6, number), out);
        } else if (value instanceof Map<?, ?> map) {
            control(7, map.size(), out);
            for (Map.Entry<String, Object> entry : new java.util.TreeMap<>((Map<String, Object>) map).entrySet()) {
                encode(entry.getKey(), out);
                encode(entry.getValue(), out);
            }
        } else if (value instanceof List<?> list) {
            control(11, list.size(), out);
            for (Object item : list) {
                encode(item, out);
            }
        } else {
            throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    /** Control byte: type in the top 3 bits (0 + an extra byte for types above 7), size in the low 5 bits. */
    private static void control(int type, int size, ByteArrayOutputStream out) {
        int sizeBits;
        byte[] sizeBytes;
        if (size < 29) {
            sizeBits = size;
            sizeBytes = new byte[0];
        } else if (size < 285) {
            sizeBits = 29;
            sizeBytes = new byte[] {(byte) (size - 29)};
        } else if (size < 65821) {
            sizeBits = 30;
            int rest = size - 285;
            sizeBytes = new byte[] {(byte) (rest >> 8), (byte) rest};
        } else {
            sizeBits = 31;
            int rest = size - 65821;
            sizeBytes = new byte[] {(byte) (rest >> 16), (byte) (rest >> 8), (byte) rest};
        }
        out.write(((type <= 7 ? type : 0) << 5) | sizeBits);
        if (type > 7) {
            out.write(type - 7);
        }
        out.writeBytes(sizeBytes);
    }
}
