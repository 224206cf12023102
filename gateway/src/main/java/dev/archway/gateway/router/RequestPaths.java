package dev.archway.gateway.router;

/**
 * The path a request is routed (and forwarded) with. Percent-encoded unreserved characters are
 * decoded (RFC 3986 section 6.2.2.2) and dot segments removed (section 5.2.4), so that neither
 * {@code /public/../admin} nor {@code /public/%2e%2e/admin} can reach {@code /admin} while
 * matching a {@code /public} route. Dot segments hidden behind separators that some upstreams
 * honour ({@code ..%2f}, {@code ..%5c}, {@code ..\}, {@code ..;}) are refused: {@link #normalize}
 * returns null and the request gets 400. Everything else stays as the client sent it.
 */
public final class RequestPaths {
    private RequestPaths() {}

    public static String normalize(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        if (rawPath.charAt(0) != '/') {
            // "*" (OPTIONS) and other non-origin forms are left alone.
            return rawPath;
        }
        rawPath = decodeUnreserved(rawPath);
        if (hasHiddenDotSegment(rawPath)) {
            return null;
        }
        if (!hasDotSegment(rawPath)) {
            return rawPath;
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        String[] out = new String[segments.length];
        int size = 0;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".")) {
                if (last) {
                    out[size++] = "";
                }
            } else if (segment.equals("..")) {
                if (size > 0) {
                    size--;
                }
                if (last) {
                    out[size++] = "";
                }
            } else {
                out[size++] = segment;
            }
        }
        StringBuilder path = new StringBuilder(rawPath.length());
        for (int i = 0; i < size; i++) {
            path.append('/').append(out[i]);
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    /** Decodes %XX escapes of unreserved characters (letters, digits, "-", ".", "_", "~"). */
    static String decodeUnreserved(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                int high = Character.digit(path.charAt(i + 1), 16);
                int low = Character.digit(path.charAt(i + 2), 16);
                if (high >= 0 && low >= 0 && isUnreserved((char) (high * 16 + low))) {
                    out.append((char) (high * 16 + low));
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A segment that is "." or ".." once split at ";", "\\", "%2F" or "%5C" (which it contains). */
    static boolean hasHiddenDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            String lower = segment.toLowerCase(java.util.Locale.ROOT);
            boolean hasSeparator = lower.contains(";") || lower.contains("\\") || lower.contains("%2f") || lower.contains("%5c");
            if (!hasSeparator) {
                continue;
            }
            for (String piece : lower.split(";|\\\\|%2f|%5c", -1)) {
                if (piece.equals(".") || piece.equals("..")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
                || c == '~';
    }

    private static boolean hasDotSegment(String path) {
        int length = path.length();
        for (int i = 0; i < length; i++) {
            if (path.charAt(i) == '.' && path.charAt(i - 1) == '/') {
                int end = i + 1;
                if (end < length && path.charAt(end) == '.') {
                    end++;
                }
                if (end == length || path.charAt(end) == '/') {
                    return true;
                }
            }
        }
        return false;
    }
}
