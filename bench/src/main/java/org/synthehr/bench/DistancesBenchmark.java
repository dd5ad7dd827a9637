package org.synthehr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.synthehr.core.encode.MixedEncoding;
import org.synthehr.core.io.DatasetLoader;
import org.synthehr.core.io.InputConfig;
import org.synthehr.core.table.Table;
import org.synthehr.generator.compute.FloatMatrix;
import org.synthehr.generator.compute.MatrixProducts;
import org.synthehr.generator.compute.NearestNeighbours;
import org.synthehr.generator.compute.Neighbours;

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
    MixedEncoding enc = MixedEncoding.fit(real);
    SplittableRandom rnd = new SplittableRandom(42);
    FloatMatrix queries = FloatMatrix.of(enc.encode(real.take(sample(real.rowCount(), n, rnd))),
        enc.width());
    FloatMatrix refs = FloatMatrix.of(enc.encode(real.take(sample(real.rowCount(), n, rnd))),
        enc.width());
    System.out.printf(Locale.ROOT, "encoding width %d; searching %,d x %,d rows...%n",
        enc.width(), queries.rows(), refs.rows());
    long t0 = System.nanoTime();
    Neighbours nb = NearestNeighbours.search(queries, refs, 2);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double flops = 2.0 * queries.rows() * (double) refs.rows() * enc.width();
    double rate = flops / seconds / 1e9;
    double zero = 0;
    for (double d : nb.nearest()) {
      zero += d == 0 ? 1 : 0;
    }
    BenchRecord.append("Nearest-neighbour distances, diabetes130 encoding", "bin/bench distances "
        + n, List.of(
        "| queries x references | width | k | seconds | distance pairs/s | GFLOP/s (GEMM part) |"
            + " machine matmul GFLOP/s | fraction | exact matches | peak RSS MB | load before |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        String.format(Locale.ROOT, "| %,d x %,d | %d | 2 | %.1f | %,.0f | %.1f | %.1f | %.0f%% |"
            + " %,.0f | %.0f | %s |", queries.rows(), refs.rows(), enc.width(), seconds,
            queries.rows() * (double) refs.rows() / seconds, rate, gflops, 100 * rate / gflops,
            zero, BenchRecord.peakRssMb(), loadBefore)));
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
