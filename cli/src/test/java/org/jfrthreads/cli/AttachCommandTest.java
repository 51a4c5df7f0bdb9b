package org.jfrthreads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.jfrthreads.agent.JfrThreadsAgent;
import org.junit.jupiter.api.Test;

class AttachCommandTest {

  @Test
  void anAgentStartedWithJavaagentIsNotTakenForTheOneJustAttached() {
    Properties startedAtJvmStart = new Properties();
    startedAtJvmStart.setProperty(
        JfrThreadsAgent.STATUS_PROPERTY,
        "metrics on http://127.0.0.1:9400/metrics, loaded at JVM start");
    startedAtJvmStart.setProperty(
        JfrThreadsAgent.PROBLEM_PROPERTY,
        "already watching this JVM, metrics on http://127.0.0.1:9400/metrics, loaded at JVM"
            + " start: this second agent is not started.");
    Properties attached = new Properties();
    attached.setProperty(
        JfrThreadsAgent.STATUS_PROPERTY,
        "metrics on http://127.0.0.1:9400/metrics, attached at run time");

    assertThat(AttachCommand.attached(startedAtJvmStart)).isFalse();
    assertThat(AttachCommand.attached(new Properties())).isFalse();
    assertThat(AttachCommand.attached(attached)).isTrue();
  }

  @Test
  void controlCharactersOfAnotherProcessNeverReachTheTerminal() {
    String fromTheAttachApi =
        "pid: 4711 cmd: 'sleep\u0000100\u0000' state is not ready to participate in attach"
            + " handshake!";

    assertThat(AttachCommand.printable(fromTheAttachApi))
        .isEqualTo(
            "pid: 4711 cmd: 'sleep 100 ' state is not ready to participate in attach handshake!")
        .doesNotContain("\u0000");
  }
}
