package org.jfrthreads.cli.internal.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a report's JSON for tests, strictly (no duplicate names, no trailing text, no unescaped
 * control characters): objects become {@code Map}s, arrays {@code List}s, numbers {@code
 * BigDecimal}s exactly as written.
 */
public final class ReportJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  private ReportJson() {}

  public static Object parse(String text) {
    try {
      return numbersAsDecimals(MAPPER.readValue(text, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Follows a path of member names and array indexes: {@code at(json, "threads", "platform",
   * "started")}.
   */
  public static Object at(Object json, Object... path) {
    Object current = json;
    for (Object step : path) {
      if (step instanceof Integer index) {
        current = ((List<?>) current).get(index);
      } else {
        Map<?, ?> object = (Map<?, ?>) current;
        if (!object.containsKey(step)) {
          throw new AssertionError("no member " + step + " in " + object.keySet());
        }
        current = object.get(step);
      }
    }
    return current;
  }

  private static Object numbersAsDecimals(Object value) {
    if (value instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ReportJson::numbersAsDecimals).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((name, member) -> copy.put(name, numbersAsDecimals(member)));
      return copy;
    }
    return value;
  }
}
