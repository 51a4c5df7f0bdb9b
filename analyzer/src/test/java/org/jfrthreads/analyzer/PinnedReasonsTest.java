package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PinnedReasonsTest {

  @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "VM call to com.example.Config.<clinit> on stack | VM call to <clinit> on stack",
        "VM call to com.example.Outer$Inner.<clinit> on stack | VM call to <clinit> on stack",
        "VM call to Config.<clinit> on stack | VM call to <clinit> on stack",
        "VM call to com.example.Outer$Inner$1.<clinit> on stack | VM call to <clinit> on stack",
        "Native or VM frame on stack | Native or VM frame on stack",
        "Monitor held | Monitor held",
        "Native frame on stack. | Native frame on stack.",
        "'' | unknown",
        "'   ' | unknown",
      })
  void categoryTakesClassNamesOut(String reason, String category) {
    assertThat(PinnedReasons.category(reason)).isEqualTo(category);
  }
}
