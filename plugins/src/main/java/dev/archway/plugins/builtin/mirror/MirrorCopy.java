package dev.archway.plugins.builtin.mirror;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * One request's mirror copy: its head, taken at {@code onRequestHeaders}, and its body, collected
 * chunk by chunk while the real request streams upstream. Used on the request's event loop only.
 */
final class MirrorCopy {
    private final RequestMirrorFilter filter;
    private final String method;
    private final String authority;
    private final String target;
    private final MultiMap headers;
    private Buffer body = Buffer.buffer();
    private boolean dropped;

    MirrorCopy(RequestMirrorFilter filter, String method, String authority, String target, MultiMap headers) {
        this.filter = filter;
        this.method = method;
        this.authority = authority;
        this.target = target;
        this.headers = headers;
    }

    /** Copies the chunk's bytes; past the limit the copy is dropped and its memory released. */
    void append(Buffer chunk) {
        if (dropped) {
            return;
        }
        if ((long) body.length() + chunk.length() > RequestMirrorFilter.MAX_BODY_BYTES) {
            dropped = true;
            body = null;
            filter.droppedTooLarge.increment();
            return;
        }
        body.appendBuffer(chunk);
    }

    void end() {
        if (!dropped) {
            filter.send(this);
        }
    }

    String method() {
        return method;
    }

    String authority() {
        return authority;
    }

    String target() {
        return target;
    }

    MultiMap headers() {
        return headers;
    }

    Buffer body() {
        return body;
    }
}
