package dev.archway.wasm.filter;

import dev.archway.plugins.spi.ResponseHead;
import dev.archway.wasm.abi.HeaderMapView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The response headers as a guest sees them: {@code :status} first (writable), then the headers. */
final class ResponseHeaderMap implements HeaderMapView {
    private final ResponseHead response;

    ResponseHeaderMap(ResponseHead response) {
        this.response = response;
    }

    @Override
    public List<Map.Entry<String, String>> pairs() {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(response.headers().size() + 1);
        pairs.add(Map.entry(":status", Integer.toString(response.status())));
        response.headers().forEach(h -> pairs.add(Map.entry(h.getKey().toLowerCase(Locale.ROOT), h.getValue())));
        return pairs;
    }

    int size() {
        return response.headers().size() + 1;
    }

    @Override
    public String get(String name) {
        return ":status".equals(name) ? Integer.toString(response.status()) : response.headers().get(name);
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public void setPairs(List<Map.Entry<String, String>> pairs) {
        response.headers().clear();
        pairs.forEach(p -> add(p.getKey(), p.getValue()));
    }

    @Override
    public void add(String name, String value) {
        if (!status(name, value)) {
            response.headers().add(name, value);
        }
    }

    @Override
    public void replace(String name, String value) {
        if (!status(name, value)) {
            response.headers().set(name, value);
        }
    }

    @Override
    public void remove(String name) {
        if (!name.startsWith(":")) {
            response.headers().remove(name);
        }
    }

    private boolean status(String name, String value) {
        if (!name.startsWith(":")) {
            return false;
        }
        if (":status".equals(name)) {
            try {
                int status = Integer.parseInt(value.trim());
                if (status >= 100 && status <= 599) {
                    response.status(status);
                }
            } catch (NumberFormatException ignored) {
                // not a status: ignored, as Envoy ignores an unparsable :status from a filter
            }
        }
        return true;
    }
}
