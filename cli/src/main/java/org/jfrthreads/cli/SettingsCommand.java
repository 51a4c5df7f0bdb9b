package org.jfrthreads.cli;

import java.util.concurrent.Callable;
import org.jfrthreads.exporter.internal.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jfr-threads settings}: the table of every setting, as in the README. */
@Command(
    name = "settings",
    mixinStandardHelpOptions = true,
    customSynopsis = "jfr-threads " + SettingsCommand.USAGE,
    description =
        "Lists every setting of the agent (-javaagent:jfr-threads-all.jar=PORT,KEY=VALUE,...), its"
            + " properties file and the sidecar (watch ... KEY=VALUE): type, default, range,"
            + " where it applies and what it does.")
final class SettingsCommand implements Callable<Integer> {

  static final String USAGE = "settings";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(Settings.markdownTable());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
