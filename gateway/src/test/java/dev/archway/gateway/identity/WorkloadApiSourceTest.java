package dev.archway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.archway.gateway.testing.TestSpiffeCa;
import io.spiffe.workloadapi.grpc.Workload.X509SVIDResponse;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a Workload API server written in the test (no SPIRE agent runs here), on a real Unix socket. */
class WorkloadApiSourceTest {
    private static TestSpiffeCa ca;
    private static TestSpiffeCa partner;
    private static Vertx vertx;
    private FakeWorkloadApi api;
    private WorkloadApiSource source;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        ca = TestSpiffeCa.create("mesh.local");
        partner = TestSpiffeCa.create("partner.example");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void tearDown() {
        vertx.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (source != null) {
            source.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private GatewayIdentity connect(Path socket) {
        GatewayIdentity identity = new GatewayIdentity("workload-api");
        source = WorkloadApiSource.start(vertx, IdentitySettings.WorkloadApi.parse("unix://" + socket), identity);
        return identity;
    }

    @Test
    void takesTheSvidTheAgentStreamsWithItsBundleAndFederatedBundles() throws Exception {
        TestSpiffeCa.Svid svid = ca.issue("/ns/edge/sa/archway");
        api = new FakeWorkloadApi(vertx, dir.resolve("agent.sock"), FakeWorkloadApi.answer(svid, ca, partner)).start();

        GatewayIdentity identity = connect(dir.resolve("agent.sock"));

        await().atMost(Duration.ofSeconds(10)).until(identity::ready);
        WorkloadIdentity current = identity.current();
        assertThat(current.spiffeId()).isEqualTo("spiffe://mesh.local/ns/edge/sa/archway");
        assertThat(current.leaf()).isEqualTo(svid.certificate());
        assertThat(current.authorities("mesh.local")).containsExactly(ca.certificate());
        assertThat(current.authorities("partner.example")).containsExactly(partner.certificate());
        // The fake refuses calls without the Workload API's security header, as SPIRE does.
        assertThat(api.refused()).isZero();
    }

    @Test
    void aRotationPushedOnTheStreamReplacesTheSvid() throws Exception {
        api = new FakeWorkloadApi(vertx, dir.resolve("agent.sock"), FakeWorkloadApi.answer(ca.issue("/gw"), ca)).start();
        GatewayIdentity identity = connect(dir.resolve("agent.sock"));
        await().atMost(Duration.ofSeconds(10)).until(identity::ready);

        TestSpiffeCa.Svid next = ca.issue("/gw");
        api.rotate(FakeWorkloadApi.answer(next, ca));

        await().atMost(Duration.ofSeconds(5)).until(() -> next.certificate().equals(identity.current().leaf()));
        assertThat(identity.view().rotations()).isEqualTo(1);
        assertThat(api.calls()).isEqualTo(1);
    }

    @Test
    void anUnusableSvidIsRefusedAndTheLastGoodOneStays() throws Exception {
        TestSpiffeCa.Svid good = ca.issue("/gw");
        api = new FakeWorkloadApi(vertx, dir.resolve("agent.sock"), FakeWorkloadApi.answer(good, ca)).start();
        GatewayIdentity identity = connect(dir.resolve("agent.sock"));
        await().atMost(Duration.ofSeconds(10)).until(identity::ready);

        TestSpiffeCa.Svid other = ca.issue("/gw");
        X509SVIDResponse mismatched = FakeWorkloadApi.answer(ca.issue("/gw"), ca).toBuilder()
                .setSvids(0, FakeWorkloadApi.answer(ca.issue("/gw"), ca).getSvids(0).toBuilder()
                        .setX509SvidKey(com.google.protobuf.ByteString.copyFrom(other.privateKey().getEncoded())))
                .build();
        api.rotate(mismatched);

        await().atMost(Duration.ofSeconds(5)).until(() -> identity.view().errors() > 0);
        assertThat(identity.view().lastError()).contains("private key does not belong");
        assertThat(identity.current().leaf()).isEqualTo(good.certificate());
    }

    @Test
    void anAgentRestartIsSurvivedWithTheLastSvidAndTheStreamIsOpenedAgain() throws Exception {
        Path socket = dir.resolve("agent.sock");
        api = new FakeWorkloadApi(vertx, socket, FakeWorkloadApi.answer(ca.issue("/gw"), ca)).start();
        GatewayIdentity identity = connect(socket);
        await().atMost(Duration.ofSeconds(10)).until(identity::ready);

        api.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> identity.view().errors() > 0);
        assertThat(identity.ready()).isTrue();

        TestSpiffeCa.Svid afterRestart = ca.issue("/gw");
        api = new FakeWorkloadApi(vertx, socket, FakeWorkloadApi.answer(afterRestart, ca)).start();
        await().atMost(Duration.ofSeconds(15)).until(() -> afterRestart.certificate().equals(identity.current().leaf()));
    }

    @Test
    void noAgentMeansNotReadyWithTheReasonAndRetries() {
        GatewayIdentity identity = connect(dir.resolve("absent.sock"));
        await().atMost(Duration.ofSeconds(5)).until(() -> identity.view().errors() >= 2);
        assertThat(identity.ready()).isFalse();
        assertThat(identity.view().lastError()).contains("absent.sock");
    }
}
