package org.jfrthreads.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void writesIndentedObjectsAndArrays() {
    String text =
        new JsonWriter()
            .beginObject()
            .name("a")
            .value(1)
            .name("b")
            .beginArray()
            .value("x")
            .value(true)
            .nullValue()
            .endArray()
            .name("c")
            .beginObject()
            .endObject()
            .name("d")
            .beginArray()
            .endArray()
            .endObject()
            .text();

    assertThat(text)
        .isEqualTo(
            """
            {
              "a": 1,
              "b": [
                "x",
                true,
                null
              ],
              "c": {},
              "d": []
            }
            """);
  }

  @Test
  void escapesWhatJsonRequiresAndParsesBackToTheSameString() {
    String nasty =
        "quote\" backslash\\ newline\n"
            + " tab\t nul\u0000 bell\u0007 sep\u2028 lone\uD800 pair\uD83D\uDE00 µ <tag>";

    String text = new JsonWriter().beginObject().name(nasty).value(nasty).endObject().text();

    assertThat(text)
        .doesNotContain("\n tab")
        .contains("\\u0000", "\\u0007", "\\u2028", "\\ud800", "\uD83D\uDE00");
    assertThat(TinyJson.parse(text)).isEqualTo(Map.of(nasty, nasty));
  }

  @Test
  @SuppressWarnings("unchecked")
  void numbersThatJsonCannotHoldBecomeNull() {
    String text =
        new JsonWriter()
            .beginArray()
            .value(Double.NaN)
            .value(Double.POSITIVE_INFINITY)
            .value(0.25)
            .value(-3.0)
            .endArray()
            .text();

    assertThat((List<Object>) TinyJson.parse(text))
        .containsExactly(
            null, null, new java.math.BigDecimal("0.25"), new java.math.BigDecimal("-3"));
  }

  @Test
  void misplacedCallsAreRefused() {
    assertThatIllegalStateException().isThrownBy(() -> new JsonWriter().beginObject().value(1));
    assertThatIllegalStateException().isThrownBy(() -> new JsonWriter().beginArray().name("a"));
    assertThatIllegalStateException().isThrownBy(() -> new JsonWriter().beginObject().endArray());
    assertThatIllegalStateException().isThrownBy(() -> new JsonWriter().beginObject().text());
  }
}
