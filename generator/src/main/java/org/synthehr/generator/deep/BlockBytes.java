package org.synthehr.generator.deep;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
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
   * A block of the saved architecture holding the saved parameters. DJL reads them into JVM-owned
   * buffers; they are copied into the block's own PyTorch-allocated (aligned) arrays, so a loaded
   * model computes bit for bit like the trained one (see {@link AlignedArrays}).
   *
   * @param factory builds an uninitialised block of the architecture
   * @param inputShape an input shape to initialise it with
   * @param source names the file, for the error message
   */
  public static <B extends Block> B load(Supplier<B> factory, NDManager manager, Shape inputShape,
      byte[] content, String source) {
    B block = factory.get();
    block.initialize(manager, DataType.FLOAT32, inputShape);
    B staging = factory.get();
    try (NDManager scratch = manager.newSubManager();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
      staging.loadParameters(scratch, in);
      List<Parameter> target = block.getParameters().values();
      List<Parameter> loaded = staging.getParameters().values();
      if (target.size() != loaded.size()) {
        throw new IOException(loaded.size() + " parameters saved, the network has "
            + target.size());
      }
      for (int i = 0; i < target.size(); i++) {
        Shape want = target.get(i).getArray().getShape();
        Shape got = loaded.get(i).getArray().getShape();
        if (!want.equals(got)) {
          throw new IOException("parameter " + i + " has shape " + got + ", expected " + want);
        }
        AlignedArrays.write(target.get(i).getArray(), loaded.get(i).getArray().toFloatArray());
      }
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new InvalidInputException(Problem.ofInput(source, "does not hold the parameters of this"
          + " network (" + e.getMessage() + ")", "restore the model directory from the original"
          + " output; it must come from the same toolkit version"));
    }
    return block;
  }
}
