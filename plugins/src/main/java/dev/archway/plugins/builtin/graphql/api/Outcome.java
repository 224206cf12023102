package dev.archway.plugins.builtin.graphql.api;

import dev.archway.gatewayapi.graphql.Template.Ref;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one field gets from its resolver: a JSON value, or an error for that field alone. */
sealed interface Outcome {

    /** The answer's JSON after {@code resultPath}; null for an empty answer or an absent path. */
    record Value(Object json) implements Outcome {}

    /**
     * An error on the field: {@code message} for the client (no internals: no addresses, no stack
     * traces), {@code extensions} with a stable {@code code}.
     */
    record Failure(String message, Map<String, Object> extensions) implements Outcome {
        public Failure {
            extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        }

        static Failure backendError(String backend, int status) {
            return new Failure(backend + " answered " + status, ordered("code", "BACKEND_ERROR", "status", status));
        }

        static Failure timedOut(String backend, String timeout) {
            return new Failure(backend + " did not answer within " + timeout,
                    ordered("code", "BACKEND_UNAVAILABLE", "reason", "timeout"));
        }

        static Failure unreachable(String backend) {
            return new Failure(backend + " could not be reached (connection failed)",
                    ordered("code", "BACKEND_UNAVAILABLE", "reason", "connection"));
        }

        static Failure notJson(String backend, int status) {
            return new Failure(backend + " answered " + status + " with a body that is not JSON",
                    Map.of("code", "BAD_BACKEND_RESPONSE"));
        }

        static Failure notArray(String backend, String resultPath) {
            return new Failure(backend + " answered a batch with "
                    + (resultPath == null ? "JSON" : "a '" + resultPath + "'") + " that is not an array"
                    + " (expected one element per key)", Map.of("code", "BAD_BACKEND_RESPONSE"));
        }

        static Failure valueMissing(String coordinate, Ref ref, String where) {
            return new Failure(coordinate + ": {{ " + ref.text() + " }} has no value (needed in " + where
                    + "); the backend was not called", ordered("code", "TEMPLATE_VALUE_MISSING", "value", ref.text()));
        }

        static Failure unsafePathValue(String coordinate, Ref ref) {
            return new Failure(coordinate + ": {{ " + ref.text() + " }} is empty, '.' or '..', which would move the"
                    + " call to another path; the backend was not called",
                    ordered("code", "INVALID_PATH_VALUE", "value", ref.text()));
        }

        static Failure badHeaderValue(String coordinate, String header) {
            return new Failure(coordinate + ": the value of header '" + header
                    + "' would contain CR, LF or NUL; the backend was not called",
                    ordered("code", "INVALID_HEADER_VALUE", "header", header));
        }

        private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put(k1, v1);
            map.put(k2, v2);
            return map;
        }
    }
}
