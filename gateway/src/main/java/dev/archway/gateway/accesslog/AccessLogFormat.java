package dev.archway.gateway.accesslog;

/** How an access log line is written. */
public enum AccessLogFormat {
    /** One JSON object per line, fields in a fixed order, absent fields left out (the default). */
    JSON,
    /** One line of text in Envoy's default order, {@code -} for absent fields. */
    TEXT;

    String render(AccessRecord record) {
        return this == JSON ? record.toJson() : record.toText();
    }
}
