package io.sluice.gateway.http;

import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.sluice.testing.HttpTester.Reply;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An https upstream: its certificate is checked, against the configured CAs. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsUpstreamTest {

  private static HttpsServer server;
  private static X509Bundle authority;

  @BeforeAll
  static void start() throws Exception {
    Instant now = Instant.now();
    authority = new CertificateBuilder().subject("CN=Sluice Test CA").setIsCertificateAuthority(true)
        .notBefore(now.minusSeconds(3600)).notAfter(now.plusSeconds(86_400)).ecp256().buildSelfSigned();
    X509Bundle leaf = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
        .notBefore(now.minusSeconds(3600)).notAfter(now.plusSeconds(86_400)).ecp256().buildIssuedBy(authority);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(leaf.toKeyManagerFactory().getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = RecordingUpstream.CHAT_ANSWER.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static URI upstream() {
    return URI.create("https://localhost:" + server.getAddress().getPort() + "/api/v1");
  }

  @Test
  void anUpstreamSignedByAConfiguredAuthorityIsReached(@TempDir Path dir) throws Exception {
    Path pem = Files.writeString(dir.resolve("ca.pem"), authority.getCertificatePEM());
    var config = TestGateway.config(upstream(), "sk-or-v1-tls", Map.of());
    try (TestGateway gateway = TestGateway.start(config.withUpstream(config.upstream().withCaCertificates(pem)))) {
      Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, "{\"model\":\"a/b\",\"messages\":[]}");

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().path("choices").get(0).path("message").path("content").asText()).isEqualTo("recorded");
    }
  }

  @Test
  void anUpstreamWhoseCertificateIsNotTrustedIsRefused() {
    try (TestGateway gateway = TestGateway.start(TestGateway.config(upstream(), "sk-or-v1-tls", Map.of()))) {
      Reply reply = gateway.http.post("/api/v1/chat/completions", CLIENT_KEY, "{\"model\":\"a/b\",\"messages\":[]}");

      assertThat(reply.status()).isEqualTo(502);
      assertThat(reply.json().path("error").path("message").asText()).contains("TLS handshake with the upstream failed");
    }
  }
}
