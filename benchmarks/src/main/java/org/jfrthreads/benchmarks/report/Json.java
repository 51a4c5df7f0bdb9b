package org.jfrthreads.benchmarks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JMH's result files, read with Jackson: objects become {@code Map}s (in file order), arrays {@code
 * List}s, numbers {@code Double}s, and JMH's {@code "NaN"} stays a string.
 */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static Object parse(String text) {
    try {
      return doubles(MAPPER.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "offset "
              + e.getLocation().getCharOffset()
              + ": illegal JSON ("
              + e.getOriginalMessage()
              + ").",
          e);
    }
  }

  private static Object doubles(Object value) {
    if (value instanceof Map<?, ?> object) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      object.forEach((key, member) -> copy.put(key, doubles(member)));
      return copy;
    }
    if (value instanceof List<?> array) {
      List<Object> copy = new ArrayList<>();
      array.forEach(element -> copy.add(doubles(element)));
      return copy;
    }
    return value instanceof Number number ? number.doubleValue() : value;
  }
}
