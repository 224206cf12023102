package dev.archway.wasm.filter;

import dev.archway.plugins.spi.RequestHead;
import dev.archway.wasm.abi.HeaderMapView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request headers as a guest sees them: Envoy's pseudo-headers first ({@code :authority},
 * {@code :path} with the query, {@code :method}, {@code :scheme}), then the headers. Writing
 * {@code :path} or {@code :authority} changes what goes upstream; {@code :method} and
 * {@code :scheme} are read-only, as a change to them could not be honoured.
 */
final class RequestHeaderMap implements HeaderMapView {
    private final RequestHead request;

    RequestHeaderMap(RequestHead request) {
        this.request = request;
    }

    @Override
    public List<Map.Entry<String, String>> pairs() {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(request.headers().size() + 4);
        pairs.add(Map.entry(":authority", request.authority()));
        pairs.add(Map.entry(":path", pathAndQuery()));
        pairs.add(Map.entry(":method", request.method()));
        pairs.add(Map.entry(":scheme", request.scheme()));
        request.headers().forEach(h -> pairs.add(Map.entry(h.getKey().toLowerCase(Locale.ROOT), h.getValue())));
        return pairs;
    }

    /** How many pairs {@link #pairs()} has, without building them. */
    int size() {
        return request.headers().size() + 4;
    }

    private String pathAndQuery() {
        String query = request.query();
        return query == null || query.isEmpty() ? request.path() : request.path() + "?" + query;
    }

    @Override
    public String get(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case ":authority" -> request.authority();
            case ":path" -> pathAndQuery();
            case ":method" -> request.method();
            case ":scheme" -> request.scheme();
            default -> request.headers().get(name);
        };
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public void setPairs(List<Map.Entry<String, String>> pairs) {
        request.headers().clear();
        for (Map.Entry<String, String> pair : pairs) {
            add(pair.getKey(), pair.getValue());
        }
    }

    @Override
    public void add(String name, String value) {
        if (!pseudo(name, value)) {
            request.headers().add(name, value);
        }
    }

    @Override
    public void replace(String name, String value) {
        if (!pseudo(name, value)) {
            request.headers().set(name, value);
        }
    }

    @Override
    public void remove(String name) {
        if (!name.startsWith(":")) {
            request.headers().remove(name);
        }
    }

    /** Applies a pseudo-header write; answers whether {@code name} was one. */
    private boolean pseudo(String name, String value) {
        if (!name.startsWith(":")) {
            return false;
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case ":path" -> {
                int q = value.indexOf('?');
                request.path(q < 0 ? value : value.substring(0, q));
                request.query(q < 0 ? null : value.substring(q + 1));
            }
            case ":authority" -> request.authority(value);
            default -> {
                // :method and :scheme stay as they are.
            }
        }
        return true;
    }
}
