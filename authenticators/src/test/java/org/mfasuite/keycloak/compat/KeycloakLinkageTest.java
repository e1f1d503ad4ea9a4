package org.mfasuite.keycloak.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Keycloak class, field and method the suite's classes (the drop-in jar's code: {@code target/classes}; the
 * shaded libphonenumber refers to none) reference exists in each supported release, resolved as the JVM resolves
 * it (the class, then its supertypes), and every Keycloak abstract method a concrete class of ours inherits is
 * implemented there. A failure names the member, the release and the referring class.
 *
 * <p>The known differences are the references in {@link #GUARDED}: made only by the {@code compat} adapters, which
 * call them only on the releases that have them. The test checks that the references missing from a release are
 * exactly those.
 *
 * <p>Releases with a distribution on Maven Central (26.5.6, 26.7.3) are checked against every {@code org.keycloak}
 * jar of the distribution; 26.6.4 against the SPI jars Central serves for it (common, core, server-spi,
 * server-spi-private, services): references into other Keycloak jars (keycloak-model-jpa) are not checked there.
 */
class KeycloakLinkageTest {

    /** Reference → the minor releases that lack it. Only the compat adapters make these references. */
    static final Map<String, Set<String>> GUARDED = Map.of(
            "org.keycloak.services.managers.BruteForceProtector.failedLogin(Lorg/keycloak/models/RealmModel;"
                    + "Lorg/keycloak/models/UserModel;Lorg/keycloak/common/ClientConnection;Ljakarta/ws/rs/core/UriInfo;"
                    + "Ljava/util/Set;)V", Set.of("26.5", "26.6"),
            "org.keycloak.services.managers.BruteForceProtector.successfulLogin(Lorg/keycloak/models/RealmModel;"
                    + "Lorg/keycloak/models/UserModel;Lorg/keycloak/common/ClientConnection;Ljakarta/ws/rs/core/UriInfo;"
                    + "Ljava/util/Set;)V", Set.of("26.5", "26.6"),
            "org.keycloak.models.utils.AuthenticationFlowResolver.resolveBindingOverrideFlowForClient("
                    + "Lorg/keycloak/models/ClientModel;Ljava/lang/String;)Lorg/keycloak/models/AuthenticationFlowModel;",
            Set.of("26.5"));
    private static final String ADAPTERS = "org/mfasuite/keycloak/compat/";

    private static Map<String, ClassFile> ours;
    private static List<KeycloakRelease> releases;

    @BeforeAll
    static void read() throws IOException {
        ours = new HashMap<>();
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                ClassFile type = ClassFile.read(Files.readAllBytes(file));
                ours.put(type.name(), type);
            }
        }
        assertTrue(ours.size() > 100, "the suite's classes in " + classes.toAbsolutePath());
        releases = KeycloakRelease.all();
    }

    @Test
    void everyKeycloakReferenceExistsInEverySupportedRelease() {
        Map<String, Set<String>> missing = new TreeMap<>(); // "<release>: <reference>" → referring classes
        Map<String, Integer> checked = new TreeMap<>();
        Map<String, Set<String>> notCheckable = new TreeMap<>();
        for (KeycloakRelease release : releases) {
            Resolver resolver = new Resolver(release);
            int count = 0;
            for (ClassFile type : ours.values()) {
                for (String referenced : type.classRefs()) {
                    if (!keycloak(referenced)) {
                        continue;
                    }
                    count++;
                    if (resolver.find(referenced).isEmpty()) {
                        if (!resolver.checkable(referenced)) {
                            notCheckable.computeIfAbsent(release.version, v -> new TreeSet<>()).add(referenced);
                            continue;
                        }
                        missing.computeIfAbsent(release.version + ": class " + referenced.replace('/', '.'),
                                k -> new TreeSet<>()).add(type.name());
                    }
                }
                for (ClassFile.MemberRef ref : type.memberRefs()) {
                    if (!keycloak(ref.owner()) && !ours.containsKey(ref.owner())) {
                        continue;
                    }
                    if (!keycloak(ref.owner()) && !resolver.reachesKeycloak(ref.owner())) {
                        continue; // our own member on our own class
                    }
                    count++;
                    Resolution found = resolver.resolve(ref);
                    if (found == Resolution.NOT_CHECKABLE) {
                        notCheckable.computeIfAbsent(release.version, v -> new TreeSet<>()).add(ref.owner());
                    } else if (found == Resolution.MISSING) {
                        missing.computeIfAbsent(release.version + ": " + ref, k -> new TreeSet<>()).add(type.name());
                    }
                }
            }
            checked.put(release.version, count);
        }

        Map<String, Set<String>> unexpected = new TreeMap<>(missing);
        for (Map.Entry<String, Set<String>> guarded : GUARDED.entrySet()) {
            for (KeycloakRelease release : releases) {
                String key = release.version + ": " + guarded.getKey();
                boolean lacks = guarded.getValue().contains(release.minor());
                assertEquals(lacks, missing.containsKey(key), "listed difference, as found in Keycloak " + release.version
                        + ": " + guarded.getKey() + (lacks ? " should be missing" : " should exist"));
                if (lacks) {
                    Set<String> callers = unexpected.remove(key);
                    assertTrue(callers.stream().allMatch(caller -> caller.startsWith(ADAPTERS)),
                            guarded.getKey() + " is referenced outside the compat adapters: " + callers);
                }
            }
        }
        System.out.println("Keycloak references checked per release: " + checked
                + "; not checkable (no jar of that artifact for the release): " + notCheckable);
        assertTrue(unexpected.isEmpty(), "Keycloak references that a supported release lacks (release: reference ← "
                + "referring classes):\n" + format(unexpected));
    }

    @Test
    void everyInheritedKeycloakAbstractMethodIsImplementedInEverySupportedRelease() {
        Map<String, Set<String>> unimplemented = new TreeMap<>();
        for (KeycloakRelease release : releases) {
            Resolver resolver = new Resolver(release);
            int implementations = 0;
            for (ClassFile type : ours.values()) {
                if (type.isInterface() || type.isAbstract() || !resolver.reachesKeycloak(type.name())) {
                    continue;
                }
                implementations++;
                for (String method : resolver.abstractMethods(type.name())) {
                    unimplemented.computeIfAbsent(release.version + ": " + type.name().replace('/', '.'),
                            k -> new TreeSet<>()).add(method);
                }
            }
            // the factories, providers, authenticators, actions and resources of the suite
            assertTrue(implementations > 50, implementations + " classes of ours implement Keycloak types in " + release);
        }
        assertTrue(unimplemented.isEmpty(), "abstract Keycloak methods our classes do not implement on a supported "
                + "release (AbstractMethodError when Keycloak calls them):\n" + format(unimplemented));
    }

    @Test
    void theAdaptersAreTheOnlyCallersOfTheGuardedMembersAndEachGuardedMemberIsCalled() {
        Set<String> called = new HashSet<>();
        for (ClassFile type : ours.values()) {
            for (ClassFile.MemberRef ref : type.memberRefs()) {
                if (GUARDED.containsKey(ref.toString())) {
                    assertTrue(type.name().startsWith(ADAPTERS), type.name() + " calls " + ref + " directly");
                    called.add(ref.toString());
                }
            }
        }
        assertEquals(GUARDED.keySet(), called, "every listed difference is still referenced (else drop it from the list)");
        assertFalse(releases.isEmpty());
    }

    private static String format(Map<String, Set<String>> problems) {
        StringBuilder text = new StringBuilder();
        problems.forEach((problem, by) -> text.append("  ").append(problem).append(" ← ").append(by).append('\n'));
        return text.toString();
    }

    static boolean keycloak(String className) {
        return className.startsWith("org/keycloak/");
    }

    enum Resolution { FOUND, MISSING, NOT_CHECKABLE }

    /** Classes as one release sees them: ours, that release's Keycloak, and the JDK and other libraries of the test. */
    private static final class Resolver {
        private final KeycloakRelease release;
        private final Map<String, Optional<ClassFile>> outside = new HashMap<>();

        Resolver(KeycloakRelease release) {
            this.release = release;
        }

        Optional<ClassFile> find(String name) {
            if (ours.containsKey(name)) {
                return Optional.of(ours.get(name));
            }
            if (keycloak(name)) {
                return release.find(name);
            }
            return outside.computeIfAbsent(name, Resolver::fromClassPath);
        }

        /** Whether the release's jars could answer for a Keycloak class (26.6.4 has only the SPI jars). */
        boolean checkable(String name) {
            KeycloakRelease current = releases.get(releases.size() - 1);
            String artifact = current.artifactOf(name);
            return artifact == null || release.artifacts().contains(artifact);
        }

        private static Optional<ClassFile> fromClassPath(String name) {
            try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
                return in == null ? Optional.empty() : Optional.of(ClassFile.read(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether a class of ours has a Keycloak supertype. */
        boolean reachesKeycloak(String name) {
            for (String type : hierarchy(name)) {
                if (keycloak(type)) {
                    return true;
                }
            }
            return false;
        }

        /** The class and all its supertypes, the class first, then superclasses, then interfaces. */
        private List<String> hierarchy(String name) {
            List<String> classes = new ArrayList<>();
            List<String> interfaces = new ArrayList<>();
            for (String type = name; type != null; ) {
                classes.add(type);
                Optional<ClassFile> file = find(type);
                if (file.isEmpty()) {
                    break;
                }
                Deque<String> pending = new ArrayDeque<>(file.get().interfaces());
                while (!pending.isEmpty()) {
                    String candidate = pending.pop();
                    if (!interfaces.contains(candidate)) {
                        interfaces.add(candidate);
                        find(candidate).ifPresent(i -> pending.addAll(i.interfaces()));
                    }
                }
                type = file.get().superName();
            }
            classes.addAll(interfaces);
            return classes;
        }

        Resolution resolve(ClassFile.MemberRef ref) {
            boolean complete = true;
            for (String type : hierarchy(ref.owner())) {
                Optional<ClassFile> file = find(type);
                if (file.isEmpty()) {
                    complete &= !keycloak(type) || checkable(type);
                    continue;
                }
                if (ref.method() ? file.get().methods().containsKey(ref.member())
                        : file.get().fields().contains(ref.member())) {
                    return Resolution.FOUND;
                }
            }
            if (ref.method() && ref.name().equals("clone") && ref.descriptor().startsWith("()")) {
                return Resolution.FOUND; // array clone
            }
            return complete ? Resolution.MISSING : Resolution.NOT_CHECKABLE;
        }

        /** Abstract methods (name + descriptor) of the class's hierarchy that nothing in it implements. */
        Set<String> abstractMethods(String name) {
            List<String> types = hierarchy(name);
            Set<String> implemented = new HashSet<>();
            Set<String> open = new TreeSet<>();
            for (String type : types) {
                find(type).ifPresent(file -> file.methods().forEach((method, flags) -> {
                    if ((flags & ClassFile.ACC_STATIC) != 0) {
                        return;
                    }
                    if ((flags & ClassFile.ACC_ABSTRACT) == 0) {
                        implemented.add(method);
                    } else if (keycloak(type)) {
                        open.add(method);
                    }
                }));
            }
            open.removeAll(implemented);
            return open;
        }
    }
}
