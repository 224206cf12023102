package dev.archway.plugins.spi;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * An answer made by the gateway itself.
 *
 * @param headers response headers (a case-insensitive {@link MultiMap})
 * @param body the body, possibly empty
 */
public record LocalReply(int status, MultiMap headers, Buffer body) {

    public static LocalReply of(int status) {
        return new LocalReply(status, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer());
    }

    /** A plain-text reply; the text ends with a newline so that curl output reads well. */
    public static LocalReply text(int status, String text) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "text/plain; charset=utf-8");
        return new LocalReply(status, headers, Buffer.buffer(text.endsWith("\n") ? text : text + "\n"));
    }
}
