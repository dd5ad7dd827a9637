package org.synthehr.spark.fs;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration (filesystem addresses, credentials providers), shipped to
 * Spark tasks so they reach the same filesystems. Hadoop's {@link Configuration} is a
 * {@code Writable}, not {@code Serializable}.
 */
public final class HadoopConf implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;
  private transient Configuration conf;

  public HadoopConf(Configuration conf) {
    this.conf = conf;
  }

  /** A file store on this configuration. */
  public FileStore store() {
    return FileStore.of(conf);
  }

  @Serial
  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
