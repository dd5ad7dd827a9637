package org.synthehr.generator.deep;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Every parameter of a block (weights and batch-norm running statistics) written as raw floats and
 * read back into the same arrays in place, so optimisers that hold the arrays keep working after a
 * checkpoint is restored.
 */
public final class ParameterState {
  private ParameterState() {}

  /** Writes all parameters in the block's fixed order. */
  public static void save(Block block, DataOutputStream out) throws IOException {
    out.writeInt(block.getParameters().size());
    for (Parameter p : block.getParameters().values()) {
      AdamOptimizer.writeArray(out, p.getArray());
    }
  }

  /** Reads what {@link #save} wrote into the block's existing arrays. */
  public static void load(Block block, DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n != block.getParameters().size()) {
      throw new IOException("state has " + n + " parameters, the network " + block.getParameters()
          .size());
    }
    for (Parameter p : block.getParameters().values()) {
      AdamOptimizer.readArray(in, p.getArray());
    }
  }
}
