package org.synthehr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.synthehr.core.io.DatasetLoader;
import org.synthehr.core.io.InputConfig;
import org.synthehr.core.table.Table;
import org.synthehr.generator.compute.MatrixProducts;
import org.synthehr.generator.compute.MixedRows;
import org.synthehr.generator.compute.NearestNeighbours;
import org.synthehr.generator.compute.Neighbours;
import org.synthehr.privacy.encode.DistanceSpace;

/**
 * Nearest-neighbour distances (the DCR kernel) on the diabetes130 MixedEncoding: N query rows
 * against N reference rows, k = 2, as blocked matrix products; throughput as a fraction of the
 * machine's measured float32 matrix-multiply rate.
 */
final class DistancesBenchmark implements Benchmark {
  @Override
  public String name() {
    return "distances";
  }

  @Override
  public String description() {
    return "2-nearest-neighbour distances, N x N rows of the diabetes130 encoding (default 100k)";
  }

  @Override
  public void run(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    String data = args.length > 1 ? args[1] : "../shared/datasets/diabetes130/diabetic_data.csv";
    String loadBefore = loadAverage();
    double gflops = MatrixProducts.measureGflops(4096, 3);
    System.out.printf(Locale.ROOT, "matrix multiply (4096^3 float32): %.1f GFLOP/s%n", gflops);
    Table real = DatasetLoader.load(new InputConfig(data, "configs/diabetes130.schema.yaml",
        List.of(), List.of(), null, null)).table().modelled();
    DistanceSpace space = DistanceSpace.fit(real);
    SplittableRandom rnd = new SplittableRandom(42);
    MixedRows queries = space.encode(real.take(sample(real.rowCount(), n, rnd)));
    MixedRows refs = space.encode(real.take(sample(real.rowCount(), n, rnd)));
    int product = NearestNeighbours.productWidth(refs);
    System.out.printf(Locale.ROOT, "encoding width %d (%d in the matrix product); searching %,d x"
        + " %,d rows...%n", space.width(), product, queries.rows(), refs.rows());
    long t0 = System.nanoTime();
    Neighbours nb = NearestNeighbours.search(queries, refs, 2);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double pairs = queries.rows() * (double) refs.rows();
    double rate = 2.0 * pairs * product / seconds / 1e9;
    double denseEquivalent = 2.0 * pairs * space.width() / seconds / 1e9;
    double zero = 0;
    for (double d : nb.nearest()) {
      zero += d == 0 ? 1 : 0;
    }
    BenchRecord.append("Nearest-neighbour distances, diabetes130 encoding", "bin/bench distances "
        + n, List.of(
        "| queries x references | encoding width | product width | k | seconds | distance pairs/s"
            + " | GEMM GFLOP/s done | machine matmul GFLOP/s | fraction of machine |"
            + " dense-equivalent GFLOP/s | exact matches | peak RSS MB | load before |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        String.format(Locale.ROOT, "| %,d x %,d | %d | %d | 2 | %.1f | %,.0f | %.1f | %.1f |"
            + " %.0f%% | %.1f | %,.0f | %.0f | %s |", queries.rows(), refs.rows(), space.width(),
            product, seconds, pairs / seconds, rate, gflops, 100 * rate / gflops, denseEquivalent,
            zero, BenchRecord.peakRssMb(), loadBefore),
        "",
        "GEMM GFLOP/s done = 2 x pairs x product width / seconds (the whole search: GEMM, top-k,"
            + " rare-level corrections, exact re-ranking); dense-equivalent counts the full one-hot"
            + " width, i.e. what a plain dense GEMM would have had to do."));
  }

  private static int[] sample(int total, int k, SplittableRandom rnd) {
    int m = Math.min(total, k);
    int[] idx = new int[total];
    for (int i = 0; i < total; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < m; i++) {
      int j = i + rnd.nextInt(total - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return java.util.Arrays.copyOf(idx, m);
  }

  /** The 1-minute load average (other processes competing for the cores). */
  static String loadAverage() throws IOException {
    String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return parts[0] + " " + parts[1] + " " + parts[2];
  }
}
