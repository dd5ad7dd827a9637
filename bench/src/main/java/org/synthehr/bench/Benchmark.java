package org.synthehr.bench;

/** A benchmark of {@code bin/bench}. */
public interface Benchmark {
  /** Its name on the command line. */
  String name();

  /** One line for the listing. */
  String description();

  /** Runs it; prints figures and records them in BENCHMARKS.md. */
  void run(String[] args) throws Exception;
}
