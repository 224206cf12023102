package dev.archway.e2e;

/** YAML snippets shared by the tests. */
final class Configs {
    private Configs() {}

    /** Gateway default/edge with one HTTP listener "http" on 127.0.0.1:{@code port}. */
    static String gateway(int port) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: default}
                spec:
                  gatewayClassName: archway
                  addresses: [{value: 127.0.0.1}]
                  listeners: [{name: http, port: %d, protocol: HTTP}]
                """.formatted(port);
    }

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
