package dev.archway.gatewayapi.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files behind the paths a user gave, in reading order.
 *
 * <p>A path to a file is read whatever its name. A path to a directory stands for the regular
 * files directly inside it (not in subdirectories) whose names end in {@code .yaml} or
 * {@code .yml}, sorted by name; hidden files (names starting with a dot, as editors and atomic
 * writers use for temporary files) are left out. Symbolic links are followed, so a Kubernetes
 * ConfigMap volume works. A path that does not exist is a problem, and is read as soon as it
 * appears.
 */
final class ConfigFiles {
    private final List<Path> paths;

    /** One file to read. {@code label} is the path as the user would write it, for problems. */
    record ConfigFile(Path path, String label) {}

    /** The files found, and the given paths that could not be read. */
    record Listing(List<ConfigFile> files, List<SourceProblem> problems) {
        Listing {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    ConfigFiles(List<Path> paths) {
        requireNonNull(paths, "paths");
        this.paths = List.copyOf(paths);
    }

    Listing list() {
        // Keyed by the absolute path so a file given twice, or a file and its directory, is read once.
        Map<Path, ConfigFile> files = new LinkedHashMap<>();
        List<SourceProblem> problems = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    children.filter(ConfigFiles::isConfigFile)
                            .sorted(Comparator.comparing(child -> child.getFileName().toString()))
                            .forEach(child -> files.putIfAbsent(key(child), new ConfigFile(child, child.toString())));
                } catch (IOException | java.io.UncheckedIOException e) {
                    problems.add(new SourceProblem(path.toString(), 0, 0,
                            "cannot list directory: " + ReadProblems.describeIo(e)));
                }
            } else if (Files.exists(path)) {
                files.putIfAbsent(key(path), new ConfigFile(path, path.toString()));
            } else {
                problems.add(new SourceProblem(path.toString(), 0, 0, "no such file or directory"));
            }
        }
        return new Listing(new ArrayList<>(files.values()), problems);
    }

    /**
     * The directories whose events may concern us: each given directory, and the parent of every
     * given file (a file replaced by a rename is a new file, only its directory hears of it).
     */
    Set<Path> directoriesToWatch() {
        Set<Path> directories = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                directories.add(path.toAbsolutePath().normalize());
            } else {
                Path parent = path.toAbsolutePath().normalize().getParent();
                if (parent != null) {
                    directories.add(parent);
                }
            }
        }
        return directories;
    }

    /**
     * Whether an event about {@code name} in {@code directory} may change what is read. Events in
     * a given directory always may (a ConfigMap volume swaps a {@code ..data} link, not the files);
     * in the parent of a given file only events about that file do.
     */
    boolean concerns(Path directory, Path name) {
        for (Path path : paths) {
            Path absolute = path.toAbsolutePath().normalize();
            if (absolute.equals(directory) || name == null || absolute.equals(directory.resolve(name))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cheap summary of everything that is read: names, sizes, modification times and file keys
     * (inodes, which change on an atomic rename even when size and time do not), plus the paths
     * that are missing. Equal fingerprints mean there is nothing new to read.
     */
    List<String> fingerprint() {
        Listing listing = list();
        List<String> fingerprint = new ArrayList<>();
        for (ConfigFile file : listing.files()) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
                fingerprint.add(file.label() + "|" + attributes.size() + "|" + attributes.lastModifiedTime()
                        + "|" + attributes.fileKey());
            } catch (IOException e) {
                fingerprint.add(file.label() + "|unreadable");
            }
        }
        listing.problems().forEach(problem -> fingerprint.add(problem.toString()));
        return fingerprint;
    }

    private static boolean isConfigFile(Path path) {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (lower.endsWith(".yaml") || lower.endsWith(".yml"))
                && Files.isRegularFile(path);
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
