package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document and the server agree: every route is documented, every path is served. */
class OpenApiTest {
  @TempDir Path dir;

  @Test
  void documentAndRoutesMatchExactly() {
    try (TestServer server = new TestServer(dir)) {
      TreeSet<String> documented = new TreeSet<>();
      Map<?, ?> paths = (Map<?, ?>) DocsRoutes.openApi().get("paths");
      paths.forEach((path, operations) -> ((Map<?, ?>) operations).keySet().forEach(
          method -> documented.add(((String) method).toUpperCase(Locale.ROOT) + " " + path)));
      assertThat(new TreeSet<>(server.server.routes())).containsExactlyElementsOf(documented);
    }
  }

  @Test
  void documentIsServedAndTheDocsPageRendersItOffline() {
    try (TestServer server = new TestServer(dir)) {
      var document = server.call("GET", "/openapi.json", null);
      assertThat(document.status()).isEqualTo(200);
      assertThat(document.body()).contains("\"openapi\": \"3.1.0\"");
      var page = server.call("GET", "/docs", null);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("<code>/store/items/search</code>")
          .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }
  }
}
