package dev.archway.extauth.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An htpasswd file ({@code user:hash} per line, {@code #} comments) of bcrypt entries only.
 * Apache's other formats (MD5 {@code $apr1$}, {@code {SHA}}, crypt, plain) are fast to attack
 * offline and are refused at load rather than accepted silently.
 */
final class Htpasswd {
    /** Modular crypt bcrypt: version, two-digit cost, 22 characters of salt and 31 of hash. */
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$[0-9]{2}\\$[./A-Za-z0-9]{53}$");

    private Htpasswd() {}

    static Map<String, String> read(String path, Path file, SideFiles files, List<String> problems) {
        String where = path + " (" + file + ")";
        byte[] content;
        try {
            content = files.read(file);
        } catch (IOException e) {
            problems.add(where + ": " + e.getMessage());
            return Map.of();
        }
        Map<String, String> users = new LinkedHashMap<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = where + " line " + (i + 1) + ": ";
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add(at + "no user name before a colon (expected: user:bcrypt-hash)");
                continue;
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            if (!BCRYPT.matcher(hash).matches()) {
                problems.add(at + "user \"" + user + "\" has " + kind(hash)
                        + " (expected: a bcrypt hash $2a$, $2b$ or $2y$, e.g. from htpasswd -B)");
            } else if (users.putIfAbsent(user, hash) != null) {
                problems.add(at + "user \"" + user + "\" is listed again (expected: each user once)");
            }
        }
        if (users.isEmpty() && problems.stream().noneMatch(p -> p.startsWith(where))) {
            problems.add(where + ": no users (expected: lines of user:bcrypt-hash)");
        }
        return users;
    }

    /** What a non-bcrypt entry is, without repeating it. */
    private static String kind(String hash) {
        if (hash.startsWith("$apr1$")) {
            return "an MD5 ($apr1$) hash";
        }
        if (hash.startsWith("{SHA}")) {
            return "a SHA-1 ({SHA}) hash";
        }
        if (hash.startsWith("$2")) {
            return "a malformed bcrypt hash";
        }
        if (hash.startsWith("$")) {
            return "an unsupported " + hash.substring(0, Math.max(1, hash.indexOf('$', 1) + 1)) + " hash";
        }
        return "a crypt or plain-text password";
    }
}
