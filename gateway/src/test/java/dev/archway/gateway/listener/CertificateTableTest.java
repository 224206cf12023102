package dev.archway.gateway.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archway.gateway.testing.SelfSignedCertificate;
import dev.archway.gatewayapi.ir.TlsCertificateIr;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateTableTest {
    private static Vertx vertx;
    private static SelfSignedCertificate first;
    private static SelfSignedCertificate wildcard;
    private static SelfSignedCertificate exact;

    @BeforeAll
    static void generate() {
        vertx = Vertx.vertx();
        first = SelfSignedCertificate.generate("default.example.com");
        wildcard = SelfSignedCertificate.generate("*.example.org", "example.org");
        exact = SelfSignedCertificate.generate("api.example.org");
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    private static String chosen(CertificateTable table, String serverName) {
        return table.choose(serverName, "RSA").name();
    }

    @Test
    void prefersTheListenerHostnamesThatChoseACertificate() {
        List<String> errors = new ArrayList<>();
        CertificateTable table = CertificateTable.load(vertx, List.of(
                first.ir("first", false, "default.example.com"),
                wildcard.ir("wildcard", true, "*.example.org"),
                exact.ir("exact", false, "api.example.org")), errors);

        assertThat(errors).isEmpty();
        assertThat(chosen(table, "api.example.org")).isEqualTo("exact");
        assertThat(chosen(table, "www.example.org")).isEqualTo("wildcard");
        assertThat(chosen(table, "API.Example.ORG")).isEqualTo("exact");
        assertThat(chosen(table, "unknown.net")).isEqualTo("first");
        assertThat(chosen(table, null)).isEqualTo("first");
    }

    @Test
    void fallsBackToACertificateOfAListenerWithoutHostnameThenToTheCertificatesOwnNames() {
        List<String> errors = new ArrayList<>();
        CertificateTable anyListener = CertificateTable.load(vertx, List.of(
                first.ir("first", false, "default.example.com"),
                wildcard.ir("any", false)), errors);
        CertificateTable byOwnNames = CertificateTable.load(vertx, List.of(
                first.ir("first", false, "default.example.com"),
                wildcard.ir("wildcard", false, "other.example.com")), errors);

        assertThat(chosen(anyListener, "shop.example.net")).isEqualTo("any");
        assertThat(chosen(byOwnNames, "shop.example.org")).isEqualTo("wildcard");
        assertThat(chosen(byOwnNames, "example.org")).isEqualTo("wildcard");
    }

    @Test
    void leavesOutACertificateThatDoesNotLoadAndKeepsTheOthers() {
        List<String> errors = new ArrayList<>();
        CertificateTable table = CertificateTable.load(vertx, List.of(
                new TlsCertificateIr("secret/default/broken", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n",
                        first.pkcs8KeyPem(), List.of()),
                exact.ir("exact", true, "api.example.org")), errors);

        assertThat(errors).singleElement().asString().contains("secret/default/broken");
        assertThat(table.entries()).extracting(CertificateTable.Entry::name).containsExactly("exact");
    }

    @Test
    void offersNoCertificateForAKeyTypeItDoesNotHave() {
        CertificateTable table = CertificateTable.load(vertx, List.of(first.ir("first", false)), new ArrayList<>());

        assertThat(table.choose("default.example.com", "EC")).isNull();
    }
}
