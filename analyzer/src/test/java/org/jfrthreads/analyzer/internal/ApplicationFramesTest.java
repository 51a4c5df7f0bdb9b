package org.jfrthreads.analyzer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.stream.StackFrame;
import org.junit.jupiter.api.Test;

class ApplicationFramesTest {

  private final ApplicationFrames frames =
      new ApplicationFrames(AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES);

  @Test
  void theSiteIsTheFirstFrameOutsideTheJdkAndOurOwnLibraries() {
    List<StackFrame> stack =
        List.of(
            new StackFrame("java.lang.Thread", "start"),
            new StackFrame("io.prometheus.metrics.exporter.httpserver.HTTPServer", "<init>"),
            new StackFrame("com.example.OrderService", "fanOut"),
            new StackFrame("com.example.Main", "main"));

    assertThat(frames.site(stack)).isEqualTo("com.example.OrderService.fanOut");
    assertThat(frames.site(List.of(new StackFrame("java.lang.Thread", "run"))))
        .isEqualTo("unknown");
  }

  @Test
  void hiddenClassAddressesAreLeftOutSoALambdaKeepsOneLabelAcrossRuns() {
    assertThat(ApplicationFrames.label("com.example.Service$$Lambda.0x000000001e08f240", "run"))
        .isEqualTo("com.example.Service$$Lambda.run");
    assertThat(ApplicationFrames.label("com.example.Service$$Lambda/0x0000000800c4b000", "run"))
        .isEqualTo("com.example.Service$$Lambda.run");
    assertThat(ApplicationFrames.label("com.example.Config", "<clinit>"))
        .isEqualTo("com.example.Config.<clinit>");
  }
}
