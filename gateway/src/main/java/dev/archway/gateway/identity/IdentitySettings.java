package dev.archway.gateway.identity;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/** Where the gateway's SVID comes from. */
public sealed interface IdentitySettings {

    /**
     * PEM files, re-read when they change (checked every {@code pollInterval}; a change is applied
     * once the files stay the same for one more interval, so a half-written rotation is not read).
     *
     * @param certificates the SVID: leaf first, then intermediates
     * @param privateKey the SVID's key, PKCS#8 ({@code BEGIN PRIVATE KEY})
     * @param bundle the CA certificates of the SVID's trust domain
     */
    record PemFiles(Path certificates, Path privateKey, Path bundle, Duration pollInterval) implements IdentitySettings {
        public PemFiles {
            requireNonNull(certificates, "certificates");
            requireNonNull(privateKey, "privateKey");
            requireNonNull(bundle, "bundle");
            requireNonNull(pollInterval, "pollInterval");
        }
    }

    /**
     * The SPIFFE Workload API (a SPIRE agent, or Istio's ztunnel in its SPIFFE mode) on a Unix socket.
     *
     * @param socket the socket's file system path
     */
    record WorkloadApi(Path socket) implements IdentitySettings {
        public WorkloadApi {
            requireNonNull(socket, "socket");
        }

        /**
         * Accepts the {@code SPIFFE_ENDPOINT_SOCKET} forms: {@code unix:///path}, {@code unix:/path}
         * or a plain path. TCP addresses are refused: the Workload API authenticates callers by the
         * Unix socket's peer credentials.
         */
        public static WorkloadApi parse(String address) {
            String value = requireNonNull(address, "address").trim();
            if (value.startsWith("unix://")) {
                value = value.substring("unix://".length());
            } else if (value.startsWith("unix:")) {
                value = value.substring("unix:".length());
            } else if (value.startsWith("tcp:")) {
                throw new IllegalArgumentException("'" + address + "': only Unix socket addresses are supported "
                        + "(unix:///path/to/socket)");
            }
            if (!value.startsWith("/")) {
                throw new IllegalArgumentException("'" + address + "' (expected: unix:///absolute/path or /absolute/path)");
            }
            return new WorkloadApi(Path.of(value));
        }
    }
}
