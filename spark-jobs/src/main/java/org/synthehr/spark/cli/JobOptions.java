package org.synthehr.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options every job subcommand shares: the config file and its overrides. */
final class JobOptions {
  @Parameters(index = "0", paramLabel = "CONFIG",
      description = "Job config (YAML). Examples are in configs/; every key is listed in the README.")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a config key, e.g. --set model.epochs=50 --set sample.rows=10000."
          + " Repeatable; recorded in config.resolved.yaml and run.json.")
  List<String> overrides = new ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
  boolean quiet;
}
