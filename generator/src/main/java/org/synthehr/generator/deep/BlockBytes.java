package org.synthehr.generator.deep;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;

/** A block's parameters as bytes, in DJL's own format ({@code Block.saveParameters}). */
public final class BlockBytes {
  private BlockBytes() {}

  /** The parameters of an initialised block. */
  public static byte[] save(Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise network parameters", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Loads parameters into a block built with the same architecture.
   *
   * @param source names the file, for the error message
   */
  public static void load(Block block, NDManager manager, byte[] content, String source) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
      block.loadParameters(manager, in);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new InvalidInputException(Problem.ofInput(source, "does not hold the parameters of this"
          + " network (" + e.getMessage() + ")", "restore the model directory from the original"
          + " output; it must come from the same toolkit version"));
    }
  }
}
