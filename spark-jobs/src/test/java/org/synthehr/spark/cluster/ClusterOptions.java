package org.synthehr.spark.cluster;

import java.util.ArrayList;
import java.util.List;

/** What {@link LocalCluster#start} starts; see {@code bin/cluster --help}. */
public final class ClusterOptions {
  private int workers = 2;
  private int workerCores = 1;
  private String workerMemory = "1g";
  private int gpusPerWorker;
  private boolean hdfs;

  /** Number of workers (default 2). */
  public ClusterOptions workers(int n) {
    this.workers = n;
    return this;
  }

  /** Cores per worker (default 1). */
  public ClusterOptions workerCores(int n) {
    this.workerCores = n;
    return this;
  }

  /** Memory per worker for its executors (default 1g). */
  public ClusterOptions workerMemory(String memory) {
    this.workerMemory = memory;
    return this;
  }

  /** GPU addresses each worker offers (default 0; there is no GPU, only addresses). */
  public ClusterOptions gpusPerWorker(int n) {
    this.gpusPerWorker = n;
    return this;
  }

  /** Also start HDFS (default false). */
  public ClusterOptions hdfs(boolean on) {
    this.hdfs = on;
    return this;
  }

  List<String> args() {
    List<String> a = new ArrayList<>(List.of("--workers", String.valueOf(workers),
        "--worker-cores", String.valueOf(workerCores), "--worker-memory", workerMemory,
        "--gpus-per-worker", String.valueOf(gpusPerWorker)));
    if (hdfs) {
      a.add("--hdfs");
    }
    return a;
  }
}
