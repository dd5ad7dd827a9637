package org.synthehr.spark.fs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.synthehr.core.io.Json;
import org.synthehr.core.provenance.Provenance;

/**
 * Every file the jobs read or write outside Spark's own readers and writers goes through here, on
 * Hadoop's {@link FileSystem} API: plain paths and {@code file://} on the local disk, {@code hdfs://},
 * {@code s3a://} or any other scheme whose filesystem is on the classpath. Paths without a scheme
 * are local to the process that resolves them (the driver), as a user typing them expects.
 *
 * <p>Why not {@code java.nio}: on a cluster the model, the checkpoints and the output must be where
 * every executor can read them, which is a distributed filesystem, not the driver's disk. The local
 * filesystem is used raw (without Hadoop's {@code .crc} side files), so local outputs look as they
 * always did.
 */
public final class FileStore {
  private final Configuration conf;

  private FileStore(Configuration conf) {
    this.conf = conf;
  }

  /** A store with the given Hadoop configuration (the Spark context's, on the driver). */
  public static FileStore of(Configuration conf) {
    return new FileStore(conf);
  }

  /** A store with Hadoop's default configuration (local use and tests). */
  public static FileStore local() {
    return new FileStore(new Configuration());
  }

  /** The Hadoop configuration, e.g. to ship to tasks with {@link HadoopConf}. */
  public Configuration conf() {
    return conf;
  }

  /**
   * The fully qualified location of a path or URI as a user wrote it: a path without a scheme is
   * a local path, relative to the working directory.
   */
  public Path resolve(String pathOrUri) {
    URI uri = URI.create(pathOrUri.replace(" ", "%20"));
    if (uri.getScheme() == null || uri.getScheme().length() == 1) {
      // No scheme (or a Windows drive letter): a local path as the user typed it.
      // toUri() ends an existing directory with '/', and a Hadoop Path keeps it: its name would be
      // empty and its parent itself, so a sibling (the staging or replaced output) would land
      // inside it.
      String local = java.nio.file.Path.of(pathOrUri).toAbsolutePath().normalize().toUri()
          .toString();
      return new Path(URI.create(local.length() > "file:///".length() && local.endsWith("/")
          ? local.substring(0, local.length() - 1) : local));
    }
    Path p;
    try {
      p = new Path(URI.create(pathOrUri)); // decodes %20 and the like, as a URI means
    } catch (IllegalArgumentException e) {
      p = new Path(pathOrUri); // typed with spaces or other characters a URI would escape
    }
    return fs(p).makeQualified(p);
  }

  /** Whether a location is on this process's local disk. */
  public static boolean isLocal(Path path) {
    String scheme = path.toUri().getScheme();
    return scheme == null || scheme.equals("file");
  }

  /** The local path of a {@code file:} location. */
  public static java.nio.file.Path toLocal(Path path) {
    if (!isLocal(path)) {
      throw new IllegalArgumentException(path + " is not on the local disk");
    }
    return java.nio.file.Path.of(path.toUri().getPath());
  }

  /** A location as a user reads it: a local path plainly, anything else as its URI. */
  public static String display(Path path) {
    return isLocal(path) ? path.toUri().getPath() : path.toString();
  }

  /** A sibling of {@code path} named {@code prefix + name + suffix}. */
  public static Path sibling(Path path, String prefix, String suffix) {
    return new Path(path.getParent(), prefix + path.getName() + suffix);
  }

  /** The filesystem of a location (the local one raw, without checksum side files). */
  public FileSystem fs(Path path) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    } catch (IOException e) {
      throw new UncheckedIOException("no filesystem for " + path + " (is its connector, e.g."
          + " hadoop-aws for s3a://, on the classpath?)", e);
    }
  }

  public boolean exists(Path path) {
    try {
      return fs(path).exists(path);
    } catch (IOException e) {
      throw io("cannot check", path, e);
    }
  }

  public boolean isDirectory(Path path) {
    try {
      return fs(path).getFileStatus(path).isDirectory();
    } catch (java.io.FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw io("cannot check", path, e);
    }
  }

  public boolean isFile(Path path) {
    try {
      return fs(path).getFileStatus(path).isFile();
    } catch (java.io.FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw io("cannot check", path, e);
    }
  }

  public void mkdirs(Path dir) {
    try {
      if (!fs(dir).mkdirs(dir)) {
        throw new IOException("mkdirs returned false");
      }
    } catch (IOException e) {
      throw io("cannot create", dir, e);
    }
  }

  /** The entries of a directory, sorted by name (empty when it does not exist). */
  public List<Path> list(Path dir) {
    try {
      if (!exists(dir)) {
        return List.of();
      }
      List<Path> out = new ArrayList<>();
      for (FileStatus s : fs(dir).listStatus(dir)) {
        out.add(s.getPath());
      }
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw io("cannot list", dir, e);
    }
  }

  /** Deletes a file or a directory tree (nothing if absent). */
  public void delete(Path path) {
    try {
      FileSystem fs = fs(path);
      if (fs.exists(path) && !fs.delete(path, true)) {
        throw new IOException("delete returned false");
      }
    } catch (IOException e) {
      throw io("cannot delete", path, e);
    }
  }

  /**
   * Renames with the filesystem's own operation (atomic on HDFS and local disks); the target must
   * not exist.
   */
  public void rename(Path from, Path to) {
    try {
      if (!fs(from).rename(from, to)) {
        throw new IOException("rename returned false (does the target exist already, or the"
            + " source not?)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e.getMessage(),
          e);
    }
  }

  /** Replaces a file's content: written beside it, then renamed over it. */
  public void write(Path file, byte[] bytes) {
    Path tmp = sibling(file, ".", ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
    FileSystem fs = fs(file);
    try {
      try (org.apache.hadoop.fs.FSDataOutputStream out = fs.create(tmp, true)) {
        out.write(bytes);
        out.hsync(); // on disk before the rename makes it the file, so a crash leaves old or new
      }
      replace(tmp, file);
    } catch (IOException e) {
      try {
        fs.delete(tmp, false);
      } catch (IOException ignored) {
        // The original failure is the one to report.
      }
      throw io("cannot write", file, e);
    }
  }

  /** Renames {@code tmp} over {@code file} in one step, so a reader sees the old or the new file. */
  private void replace(Path tmp, Path file) throws IOException {
    if (isLocal(file)) {
      java.nio.file.Files.move(toLocal(tmp), toLocal(file),
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } else {
      org.apache.hadoop.fs.FileContext.getFileContext(file.toUri(), conf).rename(tmp, file,
          org.apache.hadoop.fs.Options.Rename.OVERWRITE);
    }
  }

  public void writeString(Path file, String text) {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  public void writeJson(Path file, Object value) {
    writeString(file, Json.toString(value));
  }

  public byte[] read(Path file) {
    try (InputStream in = fs(file).open(file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw io("cannot read", file, e);
    }
  }

  /** The first {@code max} bytes of a file. */
  public byte[] head(Path file, int max) {
    try (InputStream in = fs(file).open(file)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      int n;
      while (out.size() < max && (n = in.read(buf, 0, Math.min(buf.length, max - out.size())))
          > 0) {
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw io("cannot read", file, e);
    }
  }

  public String readString(Path file) {
    return new String(read(file), StandardCharsets.UTF_8);
  }

  public <T> T readJson(Path file, Class<T> type) {
    try {
      return Json.mapper().readValue(read(file), type);
    } catch (IOException e) {
      throw io("cannot parse", file, e);
    }
  }

  /** Copies the files of a flat local directory into {@code dir} (created). */
  public void upload(java.nio.file.Path localDir, Path dir) {
    mkdirs(dir);
    try (Stream<java.nio.file.Path> files = Files.list(localDir)) {
      for (java.nio.file.Path f : files.sorted().toList()) {
        Path target = new Path(dir, f.getFileName().toString());
        if (Files.isDirectory(f)) {
          upload(f, target);
        } else {
          try (OutputStream out = fs(target).create(target, true)) {
            Files.copy(f, out);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + localDir + " to " + dir, e);
    }
  }

  /** Copies a directory tree into a local directory (created). */
  public void download(Path dir, java.nio.file.Path localDir) {
    try {
      Files.createDirectories(localDir);
      for (Path p : list(dir)) {
        java.nio.file.Path target = localDir.resolve(p.getName());
        if (isDirectory(p)) {
          download(p, target);
        } else {
          try (InputStream in = fs(p).open(p)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + dir + " to " + localDir, e);
    }
  }

  /**
   * A fingerprint of an input: sha256 of a local file (or of a local directory's listing), the
   * filesystem's own checksum of a remote file (HDFS computes it from its block checksums without
   * moving the data), or the listing of names and sizes.
   */
  public String fingerprint(Path path) {
    if (isLocal(path)) {
      return Provenance.fingerprint(toLocal(path));
    }
    try {
      FileSystem fs = fs(path);
      FileStatus status = fs.getFileStatus(path);
      if (status.isFile()) {
        FileChecksum sum = fs.getFileChecksum(path);
        if (sum != null) {
          return sum.getAlgorithmName() + ":" + HexFormat.of().formatHex(sum.getBytes());
        }
        return "size:" + status.getLen();
      }
      StringBuilder listing = new StringBuilder();
      var it = fs.listFiles(path, true);
      List<String> lines = new ArrayList<>();
      while (it.hasNext()) {
        var f = it.next();
        lines.add(f.getPath().toUri().getPath().substring(path.toUri().getPath().length()) + ":"
            + f.getLen());
      }
      lines.stream().sorted().forEach(l -> listing.append(l).append('\n'));
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return "listing-sha256:" + HexFormat.of().formatHex(md.digest(
          listing.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.io.FileNotFoundException e) {
      return "missing";
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      return "unreadable";
    }
  }

  private static UncheckedIOException io(String what, Path path, IOException e) {
    return new UncheckedIOException(what + " " + path + ": " + e.getMessage(), e);
  }
}
