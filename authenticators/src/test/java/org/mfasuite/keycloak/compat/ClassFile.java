package org.mfasuite.keycloak.compat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the linkage test needs from one class file (JVMS chapter 4), read without a library: the class, its
 * supertypes and declared members, and what its constant pool references (classes, fields, methods).
 */
record ClassFile(String name, String superName, List<String> interfaces, boolean isInterface, boolean isAbstract,
        Map<String, Integer> methods, Set<String> fields, Set<String> classRefs, List<MemberRef> memberRefs) {

    static final int ACC_INTERFACE = 0x0200;
    static final int ACC_ABSTRACT = 0x0400;
    static final int ACC_STATIC = 0x0008;
    private static final Pattern CLASS_IN_DESCRIPTOR = Pattern.compile("L([^;]+);");

    /** A field or method reference: {@code owner}, {@code name} and {@code descriptor} as in the class file. */
    record MemberRef(boolean method, String owner, String name, String descriptor) {
        String member() {
            return name + (method ? "" : ":") + descriptor;
        }

        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + member();
        }
    }

    static ClassFile read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        Object[] values = new Object[count]; // Utf8: String; Class/String/MethodType: int; refs/NameAndType: int[2]
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> values[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> values[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> values[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        int access = in.readUnsignedShort();
        String name = className(values, in.readUnsignedShort());
        int superIndex = in.readUnsignedShort();
        String superName = superIndex == 0 ? null : className(values, superIndex);
        List<String> interfaces = new ArrayList<>();
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            interfaces.add(className(values, in.readUnsignedShort()));
        }
        Set<String> fields = new LinkedHashSet<>();
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            in.readUnsignedShort();
            fields.add(values[in.readUnsignedShort()] + ":" + values[in.readUnsignedShort()]);
            skipAttributes(in);
        }
        Map<String, Integer> methods = new LinkedHashMap<>();
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            int flags = in.readUnsignedShort();
            methods.put((String) values[in.readUnsignedShort()] + values[in.readUnsignedShort()], flags);
            skipAttributes(in);
        }

        Set<String> classRefs = new LinkedHashSet<>();
        List<MemberRef> memberRefs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case 7 -> {
                    String referenced = className(values, i);
                    classRefs.add(referenced.startsWith("[") ? null : referenced);
                    addDescriptorClasses(classRefs, referenced);
                }
                case 9, 10, 11 -> {
                    int[] ref = (int[]) values[i];
                    int[] nameAndType = (int[]) values[ref[1]];
                    MemberRef member = new MemberRef(tags[i] != 9, className(values, ref[0]),
                            (String) values[nameAndType[0]], (String) values[nameAndType[1]]);
                    memberRefs.add(member);
                    addDescriptorClasses(classRefs, member.descriptor());
                }
                case 12 -> addDescriptorClasses(classRefs, (String) values[((int[]) values[i])[1]]);
                case 16 -> addDescriptorClasses(classRefs, (String) values[(Integer) values[i]]);
                default -> {
                }
            }
        }
        fields.forEach(field -> addDescriptorClasses(classRefs, field.substring(field.indexOf(':') + 1)));
        methods.keySet().forEach(method -> addDescriptorClasses(classRefs, method.substring(method.indexOf('('))));
        classRefs.remove(null);
        return new ClassFile(name, superName, interfaces, (access & ACC_INTERFACE) != 0, (access & ACC_ABSTRACT) != 0,
                methods, fields, classRefs, memberRefs);
    }

    private static String className(Object[] values, int classIndex) {
        return (String) values[(Integer) values[classIndex]];
    }

    private static void addDescriptorClasses(Set<String> into, String descriptor) {
        Matcher matcher = CLASS_IN_DESCRIPTOR.matcher(descriptor);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt());
        }
    }

    List<String> supertypes() {
        List<String> all = new ArrayList<>();
        if (superName != null) {
            all.add(superName);
        }
        all.addAll(interfaces);
        return all;
    }
}
