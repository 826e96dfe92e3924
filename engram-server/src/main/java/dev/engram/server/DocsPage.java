package dev.engram.server;

import dev.engram.spi.JsonCodec;
import java.util.List;
import java.util.Map;

/** Renders an OpenAPI document as one self-contained HTML page: no script, no external asset. */
final class DocsPage {
  private static final List<String> METHODS = List.of("get", "put", "post", "delete");

  private DocsPage() {}

  static String render(Map<String, Object> openApi) {
    Map<?, ?> info = (Map<?, ?>) openApi.get("info");
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>").append(escape(info.get("title"))).append("</title><style>")
        .append("body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;")
        .append("padding:0 1rem;color:#222}code,pre{font:13px ui-monospace,monospace}")
        .append("pre{background:#f5f5f5;padding:.6rem;overflow:auto}")
        .append("h2{border-top:1px solid #ddd;padding-top:1rem}")
        .append(".m{display:inline-block;min-width:4rem;font-weight:bold}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;")
        .append("text-align:left;vertical-align:top}</style></head><body>")
        .append("<h1>").append(escape(info.get("title"))).append(" ")
        .append(escape(info.get("version"))).append("</h1>")
        .append("<p>").append(escape(info.get("description"))).append("</p>")
        .append("<p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a></p>");
    Map<?, ?> paths = (Map<?, ?>) openApi.get("paths");
    for (Map.Entry<?, ?> path : paths.entrySet()) {
      Map<?, ?> operations = (Map<?, ?>) path.getValue();
      for (String method : METHODS) {
        if (operations.get(method) instanceof Map<?, ?> op) {
          operation(html, method, String.valueOf(path.getKey()), op);
        }
      }
    }
    return html.append("</body></html>").toString();
  }

  private static void operation(StringBuilder html, String method, String path, Map<?, ?> op) {
    html.append("<h2><span class=\"m\">").append(method.toUpperCase(java.util.Locale.ROOT))
        .append("</span><code>").append(escape(path)).append("</code></h2>")
        .append("<p><strong>").append(escape(op.get("summary"))).append("</strong></p>");
    if (op.get("description") != null) {
      html.append("<p>").append(escape(op.get("description"))).append("</p>");
    }
    if (op.get("parameters") instanceof List<?> params && !params.isEmpty()) {
      html.append("<table><tr><th>parameter</th><th>in</th><th>required</th><th>meaning</th></tr>");
      for (Object p : params) {
        Map<?, ?> param = (Map<?, ?>) p;
        html.append("<tr><td><code>").append(escape(param.get("name"))).append("</code></td><td>")
            .append(escape(param.get("in"))).append("</td><td>")
            .append(Boolean.TRUE.equals(param.get("required")) ? "yes" : "no").append("</td><td>")
            .append(escape(param.get("description"))).append("</td></tr>");
      }
      html.append("</table>");
    }
    if (op.get("requestBody") instanceof Map<?, ?> body) {
      html.append("<p>Request body:</p><pre>").append(escape(pretty(body.get("content"))))
          .append("</pre>");
    }
    if (op.get("responses") instanceof Map<?, ?> responses) {
      html.append("<table><tr><th>status</th><th>meaning</th></tr>");
      for (Map.Entry<?, ?> r : responses.entrySet()) {
        html.append("<tr><td>").append(escape(r.getKey())).append("</td><td>")
            .append(escape(((Map<?, ?>) r.getValue()).get("description"))).append("</td></tr>");
      }
      html.append("</table>");
    }
  }

  private static String pretty(Object json) {
    return JsonCodec.toJson(json).replace(",\"", ", \"");
  }

  private static String escape(Object text) {
    return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
