package org.synthehr.spark.longitudinal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.longitudinal.CohortInputConfig;
import org.synthehr.spark.fs.FileStore;
import org.synthehr.spark.fs.LocalCopy;

/**
 * The input files of a longitudinal run (static, static schema, events, visits, outcomes,
 * variables) on this process's disk, for the cohort reader, which reads {@code java.nio} paths.
 * Each file may be a local path or a URI of any filesystem ({@code hdfs://}, {@code file:///});
 * a remote file is copied whole into a temporary directory, deleted on {@link #close()}.
 *
 * <p>The driver qualifies the locations once ({@link #locate}): a plain path means the driver's
 * disk, and a training task must read the very same files wherever it runs.
 */
final class CohortFiles implements AutoCloseable {
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");
  private final List<LocalCopy> copies;
  private final CohortInputConfig input;
  /** Each temporary copy's path, to the location as the config writes it. */
  private final Map<String, String> written;

  private CohortFiles(List<LocalCopy> copies, CohortInputConfig input,
      Map<String, String> written) {
    this.copies = copies;
    this.input = input;
    this.written = written;
  }

  /** The qualified location of each input file, keyed by the path as the config writes it. */
  static TreeMap<String, String> locate(FileStore store, CohortInputConfig input) {
    TreeMap<String, String> out = new TreeMap<>();
    for (String p : paths(input)) {
      out.put(p, store.resolve(p).toString());
    }
    return out;
  }

  /** The files at {@code locations} (from {@link #locate}) as local files. */
  static CohortFiles open(FileStore store, CohortInputConfig input,
      Map<String, String> locations) {
    List<LocalCopy> copies = new ArrayList<>();
    Map<String, String> local = new HashMap<>();
    Map<String, String> written = new HashMap<>();
    try {
      for (String p : paths(input)) {
        if (!local.containsKey(p)) {
          int before = copies.size();
          String here = localPath(store, p, new Path(locations.get(p)), copies);
          local.put(p, here);
          if (copies.size() > before) {
            written.put(here, p);
          }
        }
      }
    } catch (RuntimeException e) {
      copies.forEach(LocalCopy::close);
      throw e;
    }
    return new CohortFiles(copies, withPaths(input, local::get), written);
  }

  /** The input config with every file a local path. */
  CohortInputConfig input() {
    return input;
  }

  /**
   * The reader's problems with each temporary copy named by the location the user gave, which is
   * the file to fix (the copy is gone by the time the message is read).
   */
  InvalidInputException named(InvalidInputException e) {
    if (written.isEmpty() || e.problems() == null) {
      return e;
    }
    List<Problem> out = new ArrayList<>();
    for (Problem p : e.problems()) {
      out.add(new Problem(rename(p.source()), p.column(), p.row(), rename(p.what()), p.fix()));
    }
    InvalidInputException renamed = new InvalidInputException(out);
    renamed.setStackTrace(e.getStackTrace());
    return renamed;
  }

  private String rename(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (Map.Entry<String, String> w : written.entrySet()) {
      out = out.replace(w.getKey(), w.getValue());
    }
    return out;
  }

  @Override
  public void close() {
    copies.forEach(LocalCopy::close);
  }

  private static String localPath(FileStore store, String written, Path location,
      List<LocalCopy> copies) {
    if (FileStore.isLocal(location)) {
      java.nio.file.Path here = FileStore.toLocal(location);
      // Where the path as written names the same file here, it is passed on as written, so the
      // reader's messages name the file as the user did (a task on another machine gets the
      // driver's absolute path instead).
      boolean same = !SCHEME.matcher(written).matches() && java.nio.file.Path.of(written)
          .toAbsolutePath().normalize().equals(here);
      return same ? written : here.toString();
    }
    if (!store.exists(location)) {
      throw new InvalidInputException(Problem.ofInput(FileStore.display(location),
          "does not exist", "check the input paths of the config"));
    }
    LocalCopy copy = LocalCopy.of(store, location);
    copies.add(copy);
    if (store.isDirectory(location)) {
      // A Parquet directory: LocalCopy gives an empty directory of its name, filled here.
      store.download(location, copy.path());
    }
    return copy.path().toString();
  }

  private static List<String> paths(CohortInputConfig in) {
    List<String> out = new ArrayList<>();
    for (String p : new String[] {in.staticPath(), in.staticSchema(), in.eventsPath(),
        in.visitsPath(), in.outcomesPath(), in.variables()}) {
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private static CohortInputConfig withPaths(CohortInputConfig in, UnaryOperator<String> to) {
    return new CohortInputConfig(in.layout(), map(in.staticPath(), to),
        map(in.staticSchema(), to), map(in.eventsPath(), to), map(in.visitsPath(), to),
        in.idColumn(), in.timeColumn(), in.timeUnit(), in.variableColumn(), in.valueColumn(),
        in.staticColumns(), map(in.outcomesPath(), to), in.outcomesIdColumn(), in.label(),
        in.keepOutcomes(), in.missingValues(), map(in.variables(), to), in.delimiter(),
        in.encoding());
  }

  private static String map(String path, UnaryOperator<String> to) {
    return path == null ? null : to.apply(path);
  }
}
