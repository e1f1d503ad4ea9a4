package org.mfasuite.keycloak.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.keycloak.it.utils.Maven;
import org.keycloak.testframework.util.FileUtils;
import org.keycloak.testframework.util.TmpDir;

/**
 * Test harness only, for the compat run ({@code -Dcompat.keycloak.version=...}): the test framework (26.7.0)
 * starts every distribution with options that older servers reject ({@code Unknown option: '--shutdown-delay'}
 * on 26.5.6). Before the framework unpacks the distribution, this unpacks it the way the framework does (same
 * directory, same marker, so the framework reuses it) and makes its {@code kc.sh} drop those options.
 */
final class CompatDistribution {

    /** Start options the framework always passes that Keycloak 26.5 does not know. */
    static final List<String> NEWER_OPTIONS = List.of("--shutdown-delay=", "--shutdown-timeout=");
    private static final String PATCH_MARK = "# mfa-suite compat run";

    private CompatDistribution() {
    }

    static boolean active() {
        return System.getProperty("mfa.compat.keycloak.version") != null;
    }

    /** Unpacks the compat distribution where the framework keeps its installation, kc.sh patched. */
    static void prepare() {
        Path zip = Maven.resolveArtifact("org.keycloak", "keycloak-quarkus-dist");
        // DistributionKeycloakServer.INSTALL_DIR: one installation, re-created when the zip's mtime changes
        Path installDir = TmpDir.resolveTmpDir().toPath().resolve("kc-test-framework").resolve("keycloak");
        try {
            Path home = unpacked(installDir, zip);
            Path kcSh = home.resolve("bin").resolve("kc.sh");
            String script = Files.readString(kcSh, StandardCharsets.UTF_8);
            if (!script.contains(PATCH_MARK)) {
                int firstLineEnd = script.indexOf('\n') + 1;
                Files.writeString(kcSh, script.substring(0, firstLineEnd) + dropOptions() + script.substring(firstLineEnd),
                        StandardCharsets.UTF_8);
            }
            if (!kcSh.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + kcSh + " executable");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path unpacked(Path installDir, Path zip) throws IOException {
        long stamp = zip.toFile().lastModified();
        String[] existing = installDir.toFile().list();
        if (existing != null && existing.length == 1) {
            Path home = installDir.resolve(existing[0]);
            Path marker = home.resolve("zip-last-modified");
            if (Files.isRegularFile(marker) && FileUtils.readLongFromFile(marker.toFile()) == stamp) {
                return home;
            }
        }
        FileUtils.delete(installDir.toFile());
        Files.createDirectories(installDir);
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = installDir.resolve(entry.getName()).normalize();
                if (!target.startsWith(installDir)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        String[] homes = installDir.toFile().list();
        if (homes == null || homes.length != 1) {
            throw new IOException("expected one directory in " + installDir);
        }
        Path home = installDir.resolve(homes[0]);
        FileUtils.writeToFile(home.resolve("zip-last-modified").toFile(), stamp);
        return home;
    }

    /** POSIX sh: re-set the arguments without the options this server does not know. */
    private static String dropOptions() {
        StringBuilder cases = new StringBuilder();
        for (String option : NEWER_OPTIONS) {
            cases.append(cases.length() == 0 ? "" : "|").append(option).append('*');
        }
        return PATCH_MARK + ": drop start options this Keycloak does not know\n"
                + "for arg do shift; case \"$arg\" in " + cases + ") ;; *) set -- \"$@\" \"$arg\" ;; esac; done\n";
    }
}
