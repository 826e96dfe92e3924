package dev.engram.testkit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random documents and filters over the awkward cases of filter pushdown: numbers near double
 * rounding and beyond any SQL type, big integers, NUL, control and astral characters, field names
 * a JSON path cannot quote, and values of every type under one field. Backends that push filters
 * down compare their pages with the in-memory reference on these.
 */
public final class RandomJson {
  public static final List<String> FIELDS =
      List.of("a", "b.c", "b", "we\"ird", "back\\slash", "\u00e9t\u00e9", "tab\there", "missing",
          "a.x", "l", "nu\u0000l", "0");
  public static final List<Object> SCALARS =
      Arrays.asList(
          0, 1, -1, 2, 10, 9, new BigDecimal("1.0"), new BigDecimal("1.5"),
          new BigDecimal("0.1"), new BigDecimal("0.30000000000000004"),
          new BigDecimal("1.0000000000000001"), 9007199254740993L, 9007199254740992L,
          Long.MAX_VALUE, Long.MIN_VALUE, new BigInteger("18446744073709551617"),
          new BigDecimal("1E+400"), new BigDecimal("-1E+400"), new BigDecimal("1E-400"),
          new BigDecimal("1E+200000"), new BigDecimal("-0.0"), "", "a", "b", "A", "10", "9",
          "a\u0000b", "a\u0000", "\u0001", "\uD83D\uDE00", "\uFF5E", "\u00e9", true, false, null);

  private RandomJson() {}

  public static Map<String, Object> document(Random random) {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (String field : List.of("a", "b", "we\"ird", "back\\slash", "\u00e9t\u00e9", "tab\there",
        "l", "nu\u0000l", "0")) {
      if (random.nextInt(4) == 0) {
        continue;
      }
      doc.put(field, field.equals("b") && random.nextBoolean() ? nested(random) : any(random));
    }
    return doc;
  }

  private static Object nested(Random random) {
    Map<String, Object> b = new LinkedHashMap<>();
    if (random.nextInt(3) > 0) {
      b.put("c", any(random));
    }
    return b;
  }

  private static Object any(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> List.of(1, "a");
      case 1 -> new ArrayList<>();
      case 2 -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", 1);
        yield m;
      }
      default -> SCALARS.get(random.nextInt(SCALARS.size()));
    };
  }

  public static Map<String, Object> filter(Random random) {
    Map<String, Object> filter = new LinkedHashMap<>();
    int conditions = 1 + random.nextInt(2);
    for (int i = 0; i < conditions; i++) {
      String field = FIELDS.get(random.nextInt(FIELDS.size()));
      String op =
          List.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "bare")
              .get(random.nextInt(10));
      Object operand =
          switch (op) {
            case "$in", "$nin" -> {
              List<Object> list = new ArrayList<>();
              int n = random.nextInt(4);
              for (int j = 0; j < n; j++) {
                list.add(any(random));
              }
              yield list;
            }
            case "$exists" -> random.nextBoolean();
            case "$gt", "$gte", "$lt", "$lte" -> {
              Object o;
              do {
                o = SCALARS.get(random.nextInt(SCALARS.size()));
              } while (!(o instanceof Number || o instanceof String));
              yield o;
            }
            default -> any(random);
          };
      if (op.equals("bare")) {
        if (!(operand instanceof Map<?, ?>)) {
          filter.put(field, operand);
        }
      } else {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(op, operand);
        filter.put(field, spec);
      }
    }
    return filter;
  }
}
