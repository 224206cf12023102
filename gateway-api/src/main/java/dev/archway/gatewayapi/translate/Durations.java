package dev.archway.gatewayapi.translate;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Gateway API durations (GEP-2257): one to four of {@code <int><h|m|s|ms>}, e.g. {@code 1m30s}. */
final class Durations {
    private static final Pattern WHOLE = Pattern.compile("^([0-9]{1,5}(h|m|s|ms)){1,4}$");
    private static final Pattern PART = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");

    private Durations() {}

    /** The duration, or null when {@code text} is not a valid Gateway API duration. */
    static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
        }
        return total;
    }
}
