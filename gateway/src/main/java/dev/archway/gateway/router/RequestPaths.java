package dev.archway.gateway.router;

/**
 * The path a request is routed (and forwarded) with. Dot segments are removed (RFC 3986 section
 * 5.2.4) so that {@code /public/../admin} cannot reach {@code /admin} while matching a
 * {@code /public} route; everything else stays as the client sent it.
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
