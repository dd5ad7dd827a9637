package org.synthehr.spark.resume;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.synthehr.spark.cli.SynthMain;

/** Starts {@code synth} in a separate JVM (to be killed for real), with this JVM's flags. */
final class ChildJvm {
  private ChildJvm() {}

  /** Starts {@code synth args...}; standard output and error go to {@code log}. */
  static Process synth(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The --add-opens list Spark 4 needs, the DJL and logging properties, the heap: as surefire
    // gave them to this JVM (debugger and agent flags are not passed on).
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!flag.startsWith("-agentlib") && !flag.startsWith("-javaagent")) {
        cmd.add(flag);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SynthMain.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
