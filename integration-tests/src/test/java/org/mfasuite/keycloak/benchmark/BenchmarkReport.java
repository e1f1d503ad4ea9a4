package org.mfasuite.keycloak.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The benchmark's one report: each case adds its section (a numbered title, a line on what it measures, a
 * table); the report is printed and (re)written whole to {@code mfa.benchmark.report} after every section, so
 * a run that stops half-way still leaves what it measured. Timings are reported, never judged.
 */
final class BenchmarkReport {

    private record Section(int number, String title, String markdown) {
    }

    private static final List<Section> SECTIONS = new ArrayList<>();

    private BenchmarkReport() {
    }

    /**
     * @param number  the case's number: sections are listed in this order whatever order the cases ran in
     * @param what    one paragraph: what is measured and how
     * @param header  the table's column names
     * @param rows    the table's rows
     */
    static synchronized void add(int number, String title, String what, List<String> header,
                                 List<List<String>> rows) {
        StringBuilder md = new StringBuilder("## ").append(number).append(". ").append(title).append("\n\n")
                .append(what).append("\n\n");
        md.append(row(header));
        md.append(row(header.stream().map(h -> "---").toList()));
        rows.forEach(r -> md.append(row(r)));
        Section section = new Section(number, title, md.toString());
        SECTIONS.removeIf(s -> s.number() == number);
        SECTIONS.add(section);
        SECTIONS.sort(Comparator.comparingInt(Section::number));
        System.out.println("\n" + section.markdown());
        write();
    }

    private static String row(List<String> cells) {
        return cells.stream().collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    private static void write() {
        Path file = Path.of(System.getProperty("mfa.benchmark.report", "target/benchmark.md")).toAbsolutePath()
                .normalize();
        StringBuilder md = new StringBuilder("# Keycloak MFA Suite benchmark\n\n")
                .append("Written ").append(ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs (").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append("), Java ").append(System.getProperty("java.version"))
                .append(", Keycloak ").append(System.getProperty("keycloak.version", "?")).append(".\n")
                .append("Timings are reported, never judged: the run fails only when something does not work.\n\n");
        SECTIONS.forEach(s -> md.append(s.markdown()).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("Benchmark report: " + file);
    }
}
