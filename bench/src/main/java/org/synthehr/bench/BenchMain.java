package org.synthehr.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a named benchmark: {@code bin/bench NAME [args]}. Benchmarks print their figures and append
 * them, with the machine and date, to BENCHMARKS.md. They are not tests and never run in CI.
 */
public final class BenchMain {
  private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

  static {
    register(new CopulaBenchmark());
    register(new DeepTabularBenchmark());
    register(new LongitudinalBenchmark());
    register(new DistancesBenchmark());
    register(new PrivacyBenchmark());
    register(new TabDdpmBenchmark());
    register(new CorpusBenchmark());
    register(new ClusterScaleBenchmark());
  }

  private BenchMain() {}

  private static void register(Benchmark b) {
    BENCHMARKS.put(b.name(), b);
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !BENCHMARKS.containsKey(args[0])) {
      System.err.println("usage: bin/bench NAME [args]\n\nbenchmarks:");
      BENCHMARKS.values().forEach(b -> System.err.printf("  %-14s %s%n", b.name(), b.description()));
      System.exit(args.length == 0 ? 0 : 2);
    }
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    BENCHMARKS.get(args[0]).run(rest);
  }
}
