package dev.archway.wasm.abi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ABI's serialized header map: a little-endian u32 pair count, then each pair's key and
 * value lengths as u32s, then each key and value followed by a NUL byte.
 */
public final class HeaderPairs {

    private HeaderPairs() {}

    public static byte[] encode(List<Map.Entry<String, String>> pairs) {
        List<byte[]> bytes = new ArrayList<>(pairs.size() * 2);
        int size = 4 + pairs.size() * 8;
        for (Map.Entry<String, String> pair : pairs) {
            byte[] key = pair.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = pair.getValue().getBytes(StandardCharsets.UTF_8);
            bytes.add(key);
            bytes.add(value);
            size += key.length + value.length + 2;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(pairs.size());
        for (byte[] part : bytes) {
            out.putInt(part.length);
        }
        for (byte[] part : bytes) {
            out.put(part).put((byte) 0);
        }
        return out.array();
    }

    /** Reads a serialized map; throws {@link IllegalArgumentException} when it is malformed. */
    public static List<Map.Entry<String, String>> decode(byte[] data) {
        if (data.length == 0) {
            return List.of();
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < 4) {
            throw new IllegalArgumentException("header map shorter than its count");
        }
        int count = in.getInt();
        if (count < 0 || (long) count * 8 > data.length - 4L) {
            throw new IllegalArgumentException("header map count " + count + " does not fit " + data.length + " bytes");
        }
        int[] lengths = new int[count * 2];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = in.getInt();
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = string(in, lengths[2 * i]);
            String value = string(in, lengths[2 * i + 1]);
            pairs.add(Map.entry(key, value));
        }
        return pairs;
    }

    private static String string(ByteBuffer in, int length) {
        if (length < 0 || length + 1L > in.remaining()) {
            throw new IllegalArgumentException("header map entry of " + length + " bytes runs past the end");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        in.get(); // the NUL terminator
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
