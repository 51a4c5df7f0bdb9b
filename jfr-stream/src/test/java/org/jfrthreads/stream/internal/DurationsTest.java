package org.jfrthreads.stream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "500us, 500000",
    "500µs, 500000",
    "20ms, 20000000",
    "1.5s, 1500000000",
    "2m, 120000000000",
    "2min, 120000000000",
    "1h, 3600000000000",
    "'20 ms', 20000000",
    "1.5us, 1500",
    "9223372036854775807ns, 9223372036854775807",
  })
  void readsANumberAndAUnit(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1, 1ns",
    "1500, 1.5us",
    "100000000, 100ms",
    "1500000000, 1.5s",
    "15000000000, 15s",
    "90000000000, 1.5m",
    "3600000000000, 1h",
    "5400000000000, 1.5h",
    "-1000000, -1ms",
  })
  void writesWhatItReads(long nanos, String text) {
    assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
    assertThat(Durations.parse(text.replace("-", ""))).isEqualTo(Duration.ofNanos(nanos).abs());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "5124096h | 5124096h: illegal duration. Expecting at most 2562047h (about 292 years).",
        "9223372036854775808ns | 9223372036854775808ns: illegal duration. Expecting at most"
            + " 2562047h",
        "20 | 20: illegal duration. Expecting a number and a unit (ns, us, ms, s, m, h)",
        "-1ms | -1ms: illegal duration. Expecting a number and a unit",
        "1.5 s s | 1.5 s s: illegal duration.",
        "0.5ns | 0.5ns: illegal duration. Expecting whole nanoseconds",
        "PT1S | PT1S: illegal duration.",
      })
  void refusesWhatIsNotADurationOrOverflows(String text, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse(text))
        .withMessageStartingWith(message);
  }
}
