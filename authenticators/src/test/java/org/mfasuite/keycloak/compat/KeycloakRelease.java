package org.mfasuite.keycloak.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One Keycloak release's own jars, as Maven copied them into {@code target/keycloak-releases/<version>/} (see the
 * authenticators POM): their class files by name, which artifact holds each, and a class loader over them.
 */
final class KeycloakRelease {

    final String version;
    private final List<Path> jars;
    /** class name (internal form) → the jar holding it */
    private final Map<String, Path> index = new HashMap<>();
    private final Map<String, Optional<ClassFile>> parsed = new HashMap<>();

    private KeycloakRelease(String version, List<Path> jars) throws IOException {
        this.version = version;
        this.jars = jars;
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(JarEntry::getName)
                        .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/"))
                        .forEach(name -> index.putIfAbsent(name.substring(0, name.length() - 6), jar));
            }
        }
    }

    /** The releases the jar supports, oldest first ({@code mfa.keycloak.releases}, set by the POM). */
    static List<KeycloakRelease> all() {
        String dir = System.getProperty("mfa.keycloak.releases.dir");
        String versions = System.getProperty("mfa.keycloak.releases");
        if (dir == null || versions == null) {
            throw new IllegalStateException("run through Maven: mfa.keycloak.releases(.dir) are set by the authenticators POM");
        }
        List<KeycloakRelease> releases = new ArrayList<>();
        for (String version : versions.split(",")) {
            releases.add(of(Path.of(dir, version), version));
        }
        return releases;
    }

    private static KeycloakRelease of(Path dir, String version) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("no Keycloak jars of " + version + " in " + dir);
            }
            return new KeycloakRelease(version, jars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "26.5" for 26.5.6. */
    String minor() {
        return version.substring(0, version.lastIndexOf('.'));
    }

    boolean has(String className) {
        return index.containsKey(className);
    }

    /** The class as this release has it, or empty. */
    Optional<ClassFile> find(String className) {
        return parsed.computeIfAbsent(className, name -> {
            Path jar = index.get(name);
            if (jar == null) {
                return Optional.empty();
            }
            try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry(name + ".class"))) {
                return Optional.of(ClassFile.read(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The artifact holding a class ({@code keycloak-model-jpa}), or null. */
    String artifactOf(String className) {
        Path jar = index.get(className);
        return jar == null ? null : artifact(jar);
    }

    /** The artifacts this release's jars are ({@code keycloak-core}, ...). */
    Set<String> artifacts() {
        Set<String> names = new TreeSet<>();
        jars.forEach(jar -> names.add(artifact(jar)));
        return names;
    }

    private static String artifact(Path jar) {
        String file = jar.getFileName().toString().replaceFirst("^org\\.keycloak\\.", "");
        return file.replaceFirst("-\\d+\\.\\d+\\.\\d+(\\.Final)?\\.jar$", "").replaceFirst("\\.jar$", "");
    }

    /**
     * A class loader that takes Keycloak's classes from this release only (and the named packages of ours from
     * {@code target/classes}, so they link against this release); everything else from the test's class path.
     */
    URLClassLoader classLoader(String... ownPackages) {
        List<URL> urls = new ArrayList<>();
        try {
            for (Path jar : jars) {
                urls.add(jar.toUri().toURL());
            }
            urls.add(Path.of("target", "classes").toAbsolutePath().toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        ClassLoader parent = KeycloakRelease.class.getClassLoader();
        return new URLClassLoader("keycloak-" + version, urls.toArray(URL[]::new), parent) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!childFirst(name)) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    if (loaded == null) {
                        loaded = findClass(name);
                    }
                    if (resolve) {
                        resolveClass(loaded);
                    }
                    return loaded;
                }
            }

            private boolean childFirst(String name) {
                if (name.startsWith("org.keycloak.")) {
                    return true;
                }
                for (String own : ownPackages) {
                    if (name.startsWith(own + ".")) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    @Override
    public String toString() {
        return "Keycloak " + version;
    }
}
