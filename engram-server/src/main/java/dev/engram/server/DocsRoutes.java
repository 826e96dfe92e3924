package dev.engram.server;

import dev.engram.spi.JsonCodec;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The API's description: the OpenAPI 3.1 document at {@code /openapi.json} (a resource written by
 * hand beside this class, checked against the registered routes by a test) and a readable page at
 * {@code /docs} rendered from it on the server, so it works offline and needs no script.
 */
final class DocsRoutes {
  static final String RESOURCE = "openapi.json";

  private final byte[] document;
  private final String page;

  DocsRoutes() {
    this.document = load();
    this.page = DocsPage.render(openApi());
  }

  /** The OpenAPI document, parsed. */
  static Map<String, Object> openApi() {
    return JsonCodec.parseObject(load(), "the OpenAPI document");
  }

  void register(RoutesConfig routes) {
    routes.get("/openapi.json",
        ctx -> ctx.contentType(Replies.JSON).result(document), Access.PUBLIC);
    routes.get("/docs", ctx -> ctx.html(page), Access.PUBLIC);
  }

  private static byte[] load() {
    try (InputStream in = DocsRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the server's resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
