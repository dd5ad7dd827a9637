package org.synthehr.spark.longitudinal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.longitudinal.Cohort;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.HadoopConf;

/**
 * The longitudinal input files read from a filesystem other than the local disk: Hadoop's
 * {@code viewfs://} mounts the test data, so the remote code path (existence check, whole-file
 * copies, cleanup) runs without a cluster.
 */
class CohortFilesTest {
  private static final Path CONFIG = Path.of("src/test/resources/longitudinal-test.yaml");

  @Test
  void remoteInputsGiveTheSameCohortAsLocalOnes() throws Exception {
    LongitudinalConfigLoader.Loaded local = LongitudinalConfigLoader.load(CONFIG, List.of());
    FileStore plain = FileStore.local();
    PreparedCohort expected = PreparedCohort.read(plain, local.config(),
        CohortFiles.locate(plain, local.config().input()));

    FileStore store = FileStore.of(mounts());
    LongitudinalConfigLoader.Loaded remote = LongitudinalConfigLoader.load(CONFIG, List.of(
        "input.static_path=viewfs://cohort/data/set-a_static.csv",
        "input.static_schema=viewfs://cohort/configs/physionet2012.static.schema.yaml",
        "input.events_path=viewfs://cohort/data/set-a_timeseries.csv.gz",
        "input.outcomes_path=viewfs://cohort/data/Outcomes-a.csv",
        "input.variables=viewfs://cohort/res/small-variables.yaml"));
    TreeMap<String, String> locations = CohortFiles.locate(store, remote.config().input());
    PreparedCohort read = PreparedCohort.read(store, remote.config(), locations);
    assertSame(expected.read().cohort(), read.read().cohort());
    assertSame(expected.train(), read.train());

    // What the training task does: the plan, serialized as Spark ships it, reads the same
    // training patients on its own.
    PreparedCohort.Plan plan = new PreparedCohort.Plan(remote.resolvedYaml(), locations);
    PreparedCohort.Plan shipped = roundTrip(plan);
    HadoopConf conf = roundTrip(new HadoopConf(store.conf()));
    assertSame(expected.train(), shipped.trainingCohort(conf.store()));
    assertEquals(remote.config().model(), shipped.model());
  }

  @Test
  void remoteCopiesAreDeletedOnClose() {
    FileStore store = FileStore.of(mounts());
    LongitudinalConfigLoader.Loaded remote = LongitudinalConfigLoader.load(CONFIG, List.of(
        "input.events_path=viewfs://cohort/data/set-a_timeseries.csv.gz"));
    Path copy;
    try (CohortFiles files = CohortFiles.open(store, remote.config().input(),
        CohortFiles.locate(store, remote.config().input()))) {
      copy = Path.of(files.input().eventsPath());
      assertTrue(Files.isRegularFile(copy));
      assertEquals("set-a_timeseries.csv.gz", copy.getFileName().toString());
      assertEquals(remote.config().input().staticPath(), files.input().staticPath(),
          "a local path is passed on as written");
    }
    assertTrue(Files.notExists(copy));
  }

  @Test
  void aMissingRemoteFileIsABadInputNamingIt() {
    FileStore store = FileStore.of(mounts());
    LongitudinalConfigLoader.Loaded remote = LongitudinalConfigLoader.load(CONFIG, List.of(
        "input.outcomes_path=viewfs://cohort/data/no-such-file.csv"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CohortFiles.open(store, remote.config().input(),
            CohortFiles.locate(store, remote.config().input())));
    assertTrue(e.getMessage().contains("viewfs://cohort/data/no-such-file.csv"), e.getMessage());
  }

  @Test
  void problemsInARemoteFileNameItsLocationNotTheCopy() {
    FileStore store = FileStore.of(mounts());
    LongitudinalConfigLoader.Loaded remote = LongitudinalConfigLoader.load(CONFIG, List.of(
        "input.static_path=viewfs://cohort/data/set-a_static.csv",
        "input.events_path=viewfs://cohort/data/set-a_timeseries.csv.gz",
        "input.id_column=patient"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PreparedCohort.read(store, remote.config(),
            CohortFiles.locate(store, remote.config().input())));
    assertTrue(e.getMessage().contains("viewfs://cohort/data/"), e.getMessage());
    assertFalse(e.getMessage().contains("synthehr-copy-"), e.getMessage());
  }

  /** A viewfs mount table "cohort" over the test data directories. */
  private static Configuration mounts() {
    Configuration conf = new Configuration();
    link(conf, "/data", "../data/physionet2012-a-sample");
    link(conf, "/configs", "../configs");
    link(conf, "/res", "../core/src/test/resources");
    return conf;
  }

  private static void link(Configuration conf, String mount, String dir) {
    conf.set("fs.viewfs.mounttable.cohort.link." + mount,
        Path.of(dir).toAbsolutePath().normalize().toUri().toString());
  }

  private static void assertSame(Cohort a, Cohort b) {
    assertNotEquals(0, a.size());
    assertArrayEquals(a.ids(), b.ids());
    assertArrayEquals(a.ends(), b.ends());
    assertArrayEquals(a.values(), b.values());
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(
        bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
