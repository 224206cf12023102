package dev.archway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTPS termination with SNI choosing between two certificates from kubernetes.io/tls Secrets. */
class HttpsListenerTest {
    static EchoBackend backend;
    static GatewayProcess gateway;
    static TestCertificates.Pem a;
    static TestCertificates.Pem b;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        backend = new EchoBackend("tls-backend");
        Path dir = Files.createTempDirectory("archway-https");
        Path certs = Files.createTempDirectory("archway-certs");
        a = TestCertificates.selfSigned(certs, "a.example.com");
        b = TestCertificates.selfSigned(certs, "b.example.com");
        port = GatewayProcess.freePort();
        GatewayProcess.write(dir, "config.yaml", Configs.backends(backend) + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: a-cert, namespace: default}
                type: kubernetes.io/tls
                data: {tls.crt: %s, tls.key: %s}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: b-cert, namespace: default}
                type: kubernetes.io/tls
                data: {tls.crt: %s, tls.key: %s}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: default}
                spec:
                  gatewayClassName: archway
                  addresses: [{value: 127.0.0.1}]
                  listeners:
                  - {name: a, port: %d, protocol: HTTPS, hostname: a.example.com, tls: {certificateRefs: [{name: a-cert}]}}
                  - {name: b, port: %d, protocol: HTTPS, hostname: b.example.com, tls: {certificateRefs: [{name: b-cert}]}}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: app, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules: [{backendRefs: [{group: gateway.archway.dev, kind: Backend, name: tls-backend}]}]
                """.formatted(TestCertificates.base64(a.certificate()), TestCertificates.base64(a.privateKey()),
                TestCertificates.base64(b.certificate()), TestCertificates.base64(b.privateKey()), port, port));
        gateway = GatewayProcess.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    /** One HTTP/1.1 request over TLS with the given SNI; returns the peer certificate's subject and the response. */
    private static String[] get(String sni) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("a", a.x509());
        trust.setCertificateEntry("b", b.x509());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters params = socket.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(sni)));
            params.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(params);
            socket.setSoTimeout(10000);
            socket.startHandshake();
            X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            socket.getOutputStream().write(("GET /hello HTTP/1.1\r\nHost: " + sni + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            return new String[] {peer.getSubjectX500Principal().getName(), out.toString(StandardCharsets.UTF_8)};
        }
    }

    @Test
    void sniPicksTheCertificateOfTheMatchingListener() throws Exception {
        String[] ra = get("a.example.com");
        assertThat(ra[0]).isEqualTo("CN=a.example.com");
        assertThat(ra[1]).startsWith("HTTP/1.1 200");
        String[] rb = get("b.example.com");
        assertThat(rb[0]).isEqualTo("CN=b.example.com");
        assertThat(rb[1]).startsWith("HTTP/1.1 200");
    }

    @Test
    void backendSeesHttpsAsTheForwardedProto() throws Exception {
        get("a.example.com");
        assertThat(backend.received.get(backend.received.size() - 1).headers().get("x-forwarded-proto")).isEqualTo("https");
    }
}
