package dev.archway.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/** Netty buffers out of an embedded codec, as Vert.x buffers. */
final class TunnelBytes {
    private TunnelBytes() {}

    /** The readable bytes of {@code bytes}, which is released. */
    static Buffer take(ByteBuf bytes) {
        try {
            return copy(bytes);
        } finally {
            bytes.release();
        }
    }

    /** The readable bytes of {@code bytes}, copied; {@code bytes} is left as it was. */
    static Buffer copy(ByteBuf bytes) {
        byte[] copy = new byte[bytes.readableBytes()];
        bytes.getBytes(bytes.readerIndex(), copy);
        return Buffer.buffer(copy);
    }
}
