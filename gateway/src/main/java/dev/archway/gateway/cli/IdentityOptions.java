package dev.archway.gateway.cli;

import dev.archway.gateway.identity.IdentitySettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of {@code archway run} that give the gateway its SPIFFE identity. */
final class IdentityOptions {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    @Option(names = "--svid-cert", paramLabel = "FILE",
            description = "The gateway's X.509 SVID, PEM, leaf first (with --svid-key and --svid-bundle); re-read when it changes.")
    Path certificates;

    @Option(names = "--svid-key", paramLabel = "FILE", description = "The SVID's private key, PEM (PKCS#8).")
    Path privateKey;

    @Option(names = "--svid-bundle", paramLabel = "FILE", description = "The CA certificates of the SVID's trust domain, PEM.")
    Path bundle;

    @Option(names = "--spiffe-socket", paramLabel = "unix:///PATH",
            description = "Take the SVID from the SPIFFE Workload API on this Unix socket (e.g. the value of "
                    + "SPIFFE_ENDPOINT_SOCKET); instead of the --svid-* files.")
    String socket;

    /** What was asked for, null for no identity, or an error naming the options that do not fit. */
    IdentitySettings settings() {
        boolean anyFile = certificates != null || privateKey != null || bundle != null;
        if (socket != null && anyFile) {
            throw new IllegalArgumentException("--spiffe-socket and --svid-cert/--svid-key/--svid-bundle exclude each other: "
                    + "the SVID comes from the Workload API or from files");
        }
        if (socket != null) {
            try {
                return IdentitySettings.WorkloadApi.parse(socket);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--spiffe-socket " + e.getMessage());
            }
        }
        if (!anyFile) {
            return null;
        }
        if (certificates == null || privateKey == null || bundle == null) {
            throw new IllegalArgumentException("--svid-cert, --svid-key and --svid-bundle go together (missing: "
                    + (certificates == null ? "--svid-cert " : "") + (privateKey == null ? "--svid-key " : "")
                    + (bundle == null ? "--svid-bundle" : "").trim() + ")");
        }
        return new IdentitySettings.PemFiles(certificates, privateKey, bundle, POLL_INTERVAL);
    }
}
