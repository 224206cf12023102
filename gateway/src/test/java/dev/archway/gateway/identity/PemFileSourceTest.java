package dev.archway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.archway.gateway.testing.TestSpiffeCa;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFileSourceTest {
    private static TestSpiffeCa ca;
    private static TestSpiffeCa otherCa;
    private static Vertx vertx;
    private PemFileSource source;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        ca = TestSpiffeCa.create("example.org");
        otherCa = TestSpiffeCa.create("other.example");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void tearDown() {
        vertx.close();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
    }

    private IdentitySettings.PemFiles write(TestSpiffeCa.Svid svid, String bundle) throws Exception {
        Files.writeString(dir.resolve("svid.pem"), svid.certificatePem());
        Files.writeString(dir.resolve("svid.key"), svid.keyPem());
        Files.writeString(dir.resolve("bundle.pem"), bundle);
        return new IdentitySettings.PemFiles(dir.resolve("svid.pem"), dir.resolve("svid.key"), dir.resolve("bundle.pem"),
                Duration.ofMillis(100));
    }

    @Test
    void startsWithTheSvidOfTheFilesAndItsTrustDomainsBundle() throws Exception {
        TestSpiffeCa.Svid svid = ca.issue("/ns/edge/sa/archway");
        GatewayIdentity identity = new GatewayIdentity("files");
        source = PemFileSource.start(vertx, write(svid, ca.bundlePem()), identity);

        assertThat(identity.ready()).isTrue();
        WorkloadIdentity current = identity.current();
        assertThat(current.spiffeId()).isEqualTo("spiffe://example.org/ns/edge/sa/archway");
        assertThat(current.leaf()).isEqualTo(svid.certificate());
        assertThat(current.trustDomain()).isEqualTo("example.org");
        assertThat(current.authorities("example.org")).containsExactly(ca.certificate());
        assertThat(identity.keyManager().getCertificateChain(identity.keyManager().chooseEngineClientAlias(
                new String[] {"EC"}, null, null))).containsExactly(svid.certificate());
    }

    @Test
    void aRotatedSvidIsTakenWithoutRestartAndTheOldAliasStillResolvesDuringTheSwap() throws Exception {
        GatewayIdentity identity = new GatewayIdentity("files");
        source = PemFileSource.start(vertx, write(ca.issue("/gw"), ca.bundlePem()), identity);
        String oldAlias = identity.keyManager().chooseEngineClientAlias(new String[] {"EC"}, null, null);

        TestSpiffeCa.Svid next = ca.issue("/gw");
        write(next, ca.bundlePem());

        await().atMost(Duration.ofSeconds(5)).until(() -> next.certificate().equals(identity.current().leaf()));
        assertThat(identity.view().rotations()).isEqualTo(1);
        assertThat(identity.view().errors()).isZero();
        String newAlias = identity.keyManager().chooseEngineClientAlias(new String[] {"EC"}, null, null);
        assertThat(newAlias).isNotEqualTo(oldAlias);
        // A handshake that chose its alias just before the rotation still gets a consistent SVID.
        assertThat(identity.keyManager().getPrivateKey(oldAlias)).isNotNull().isNotEqualTo(next.privateKey());
        assertThat(identity.keyManager().getPrivateKey(newAlias)).isEqualTo(next.privateKey());
    }

    @Test
    void aBrokenRotationKeepsTheLastGoodSvidAndSaysWhy() throws Exception {
        TestSpiffeCa.Svid good = ca.issue("/gw");
        GatewayIdentity identity = new GatewayIdentity("files");
        source = PemFileSource.start(vertx, write(good, ca.bundlePem()), identity);

        // The new certificate with a key that is not its own (e.g. a key file that was not updated).
        Files.writeString(dir.resolve("svid.pem"), ca.issue("/gw").certificatePem());

        await().atMost(Duration.ofSeconds(5)).until(() -> identity.view().errors() > 0);
        assertThat(identity.current().leaf()).isEqualTo(good.certificate());
        assertThat(identity.view().lastError()).contains("svid.pem");
        assertThat(identity.view().rotations()).isZero();
    }

    @Test
    void filesThatDoNotHoldAnSvidChainingToTheBundleStopStartupWithTheReason() throws Exception {
        GatewayIdentity identity = new GatewayIdentity("files");
        IdentitySettings.PemFiles foreign = write(ca.issue("/gw"), otherCa.bundlePem());
        assertThatThrownBy(() -> PemFileSource.start(vertx, foreign, identity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not chain to the bundle");

        IdentitySettings.PemFiles missing = new IdentitySettings.PemFiles(dir.resolve("nope.pem"), dir.resolve("svid.key"),
                dir.resolve("bundle.pem"), Duration.ofSeconds(1));
        assertThatThrownBy(() -> PemFileSource.start(vertx, missing, identity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.pem");

        // A plain certificate (no SPIFFE ID) is not an SVID.
        Files.writeString(dir.resolve("svid.pem"), dev.archway.gateway.testing.SelfSignedCertificate.generate("gw.example").certificatePem());
        assertThatThrownBy(() -> PemFileSource.start(vertx, foreign, identity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("svid.pem");
        assertThat(identity.ready()).isFalse();
    }
}
