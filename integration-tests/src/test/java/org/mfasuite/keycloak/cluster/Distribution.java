package org.mfasuite.keycloak.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Keycloak distribution (unpacked from Maven Central by the build into {@code mfa.keycloak.dist}) with
 * exactly the drop-in jar in {@code providers/}, built once with {@code kc.sh build} for PostgreSQL and the
 * clustered cache; reused while the jar and the build options stay the same. Each node runs from its own copy.
 */
final class Distribution {

    private static final String MARKER = ".mfa-cluster-build";

    private Distribution() {
    }

    /** The built distribution under {@code work/built}, with the drop-in jar of this build. */
    static Path built(Path work, List<String> buildOptions) throws IOException, InterruptedException {
        return built(work, buildOptions, suiteJar());
    }

    /** The built distribution under {@code work/built}, with {@code jar} (e.g. a previous release's) in providers/. */
    static Path built(Path work, List<String> buildOptions, Path jar) throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("mfa.keycloak.dist", "target/keycloak-dist")).toAbsolutePath();
        if (!Files.isRegularFile(dist.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + dist + " (unpacked by the build)");
        }
        Path built = work.resolve("built");
        String stamp = sha256(jar) + " " + String.join(" ", buildOptions);
        Path marker = built.resolve(MARKER);
        if (Files.exists(marker) && Files.readString(marker).equals(stamp)) {
            return built;
        }
        delete(built);
        copy(dist, built);
        swapJar(built, jar, buildOptions, work.resolve("build.log"));
        Files.writeString(marker, stamp);
        return built;
    }

    /**
     * What an operator does to upgrade: {@code jar} replaces the suite's jar in {@code home}'s providers/, then
     * {@code kc.sh build} with the same options (the server must be stopped).
     */
    static void swapJar(Path home, Path jar, List<String> buildOptions, Path log)
            throws IOException, InterruptedException {
        Files.copy(jar, home.resolve("providers/keycloak-mfa-suite.jar"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(buildOptions);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process build = builder.start();
        if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build failed, see " + log);
        }
    }

    /** A node's home: a fresh copy of the built distribution (its own data/, as on separate machines). */
    static Path home(Path built, Path home) throws IOException {
        delete(home);
        copy(built, home);
        return home;
    }

    /** The drop-in jar on the test classpath, as the Keycloak test framework deploys it. */
    static Path suiteJar() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.matches("keycloak-mfa-suite(-\\d.*)?\\.jar")) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("keycloak-mfa-suite.jar is not on the test classpath: run `verify`");
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
