package dev.archway.e2e;

/** YAML snippets shared by the tests. */
final class Configs {
    private Configs() {}

    /** One Archway Backend per echo server, named after it, in namespace default. */
    static String backends(EchoBackend... servers) {
        StringBuilder sb = new StringBuilder();
        for (EchoBackend s : servers) {
            if (sb.length() > 0) {
                sb.append("---\n");
            }
            sb.append("""
                    apiVersion: gateway.archway.dev/v1alpha1
                    kind: Backend
                    metadata: {name: %s, namespace: default}
                    spec:
                      static:
                        hosts: [{host: 127.0.0.1, port: %d}]
                    """.formatted(s.name, s.port()));
        }
        return sb.toString();
    }
}
