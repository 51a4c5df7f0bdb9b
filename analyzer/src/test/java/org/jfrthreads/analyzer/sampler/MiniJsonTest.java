package org.jfrthreads.analyzer.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {

  @Test
  void readsNestedObjectsArraysAndLiterals() {
    Object value =
        MiniJson.parse(
            "{\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\": \"d\"}, \"e\": [], \"f\": {}}");

    assertThat(value)
        .isEqualTo(
            Map.of(
                "a", Arrays.asList(1.0, -25.0, true, false, null),
                "b", Map.of("c", "d"),
                "e", List.of(),
                "f", Map.of()));
  }

  @Test
  void readsEscapes() {
    assertThat(MiniJson.parse("\"java.base\\/java.lang.Thread.run \\\"q\\\" \\u00e9\\n\""))
        .isEqualTo("java.base/java.lang.Thread.run \"q\" é\n");
  }

  @Test
  void rejectsTruncatedInputNamingTheOffset() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> MiniJson.parse("{\"a\": [1, 2"))
        .withMessage("offset 11: malformed thread dump JSON. Expecting ']'.");
  }

  @Test
  void rejectsTrailingText() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> MiniJson.parse("{} x"))
        .withMessage("offset 3: malformed thread dump JSON. Expecting end of input.");
  }
}
