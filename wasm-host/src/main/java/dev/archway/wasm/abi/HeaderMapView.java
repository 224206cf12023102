package dev.archway.wasm.abi;

import java.util.List;
import java.util.Map;

/** A header map the guest may read and, when {@link #writable()}, change. Names are case-insensitive. */
public interface HeaderMapView {
    List<Map.Entry<String, String>> pairs();

    /** The first value of {@code name}, or null. */
    String get(String name);

    boolean writable();

    void setPairs(List<Map.Entry<String, String>> pairs);

    void add(String name, String value);

    void replace(String name, String value);

    void remove(String name);
}
