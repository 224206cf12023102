package dev.archway.extauth.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files one read of the config touches: the config file and those it names (keys, htpasswd,
 * secrets). Each is read once per read, and the digest of exactly the bytes read is kept, so the
 * reload check can tell a change of any of them without parsing, and never misses an edit made
 * between the read and the check.
 */
final class SideFiles {
    private final Path base;
    private final Map<Path, String> digests = new LinkedHashMap<>();
    private final Map<Path, byte[]> contents = new LinkedHashMap<>();

    SideFiles(Path configFile) {
        Path parent = configFile.toAbsolutePath().getParent();
        this.base = parent == null ? Path.of("") : parent;
    }

    /** A path as written in the config: relative ones are relative to the config file's directory. */
    Path resolve(String written) {
        return base.resolve(written).normalize();
    }

    /** The file's bytes; throws with a message fit for a problem ("no such file"). */
    byte[] read(Path file) throws IOException {
        byte[] known = contents.get(file);
        if (known != null) {
            return known;
        }
        try {
            byte[] content = Files.readAllBytes(file);
            contents.put(file, content);
            digests.put(file, digest(content));
            return content;
        } catch (NoSuchFileException e) {
            digests.put(file, "missing");
            throw new IOException("no such file", e);
        } catch (IOException e) {
            digests.put(file, "unreadable");
            throw new IOException("cannot read the file: " + e.getMessage(), e);
        }
    }

    /**
     * The visible regular files of a directory, by name: a Kubernetes Secret mounted as a volume
     * (one file per key; Kubernetes' own {@code ..data} links and timestamped folders are hidden).
     */
    Map<String, byte[]> readDirectory(Path dir) throws IOException {
        Map<String, byte[]> files = directoryNow(dir);
        if (files == null) {
            digests.put(dir, "missing");
            throw new IOException("no such directory");
        }
        digests.put(dir, directoryDigest(files));
        return files;
    }

    private static Map<String, byte[]> directoryNow(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(p)) {
                    files.put(name, Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static String directoryDigest(Map<String, byte[]> files) {
        StringBuilder listing = new StringBuilder();
        files.forEach((name, content) -> listing.append(name).append('\0').append(digest(content)).append('\n'));
        return "dir:" + digest(listing.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Map<Path, String> digests() {
        return Map.copyOf(digests);
    }

    /** The digest of what {@code file} holds now, in the form {@link #digests()} uses. */
    static String digestNow(Path file) {
        try {
            if (Files.isDirectory(file)) {
                return directoryDigest(directoryNow(file));
            }
            return digest(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
