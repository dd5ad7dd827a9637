package org.synthehr.generator.deep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.synthehr.core.io.Json;

/**
 * A hash of everything a checkpoint depends on (model kind, options, batch size, codec, the encoded
 * training data and the seed), so resume refuses a checkpoint of another run. The number of epochs
 * is left out on purpose: resuming with more epochs is how a finished run is extended.
 */
public final class TrainingFingerprint {
  private TrainingFingerprint() {}

  /** The fingerprint (hex sha256). */
  public static String of(String kind, Object options, int batchSize, Object codec, float[] data,
      long seed) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(kind.getBytes(StandardCharsets.UTF_8));
      md.update(Json.toString(options).getBytes(StandardCharsets.UTF_8));
      md.update(Json.toString(codec).getBytes(StandardCharsets.UTF_8));
      byte[] buf = new byte[8192];
      int at = 0;
      for (float f : data) {
        int bits = Float.floatToIntBits(f);
        buf[at++] = (byte) bits;
        buf[at++] = (byte) (bits >>> 8);
        buf[at++] = (byte) (bits >>> 16);
        buf[at++] = (byte) (bits >>> 24);
        if (at == buf.length) {
          md.update(buf, 0, at);
          at = 0;
        }
      }
      md.update(buf, 0, at);
      md.update((batchSize + ":" + seed).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
