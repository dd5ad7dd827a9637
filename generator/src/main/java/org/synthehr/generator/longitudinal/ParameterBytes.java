package org.synthehr.generator.longitudinal;

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

/** A block's parameters as bytes (DJL's own parameter format), for model files and checkpoints. */
final class ParameterBytes {
  private ParameterBytes() {}

  static byte[] save(Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise network parameters", e);
    }
    return bytes.toByteArray();
  }

  static void load(Block block, NDManager manager, byte[] bytes, String source) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      block.loadParameters(manager, in);
    } catch (IOException | MalformedModelException | IllegalArgumentException e) {
      throw new InvalidInputException(Problem.ofInput(source, "holds network parameters that do"
          + " not fit the model's config (" + e.getMessage() + ")",
          "load it with the toolkit version that wrote it (its manifest.json names it), or"
              + " train the model again with this version"));
    }
  }

  /** The parameter values of a byte image, read through a fresh block of the same architecture. */
  static java.util.List<float[]> values(Block fresh, ai.djl.ndarray.types.Shape[] shapes,
      byte[] bytes, String source) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      fresh.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, shapes);
      load(fresh, m, bytes, source);
      java.util.List<float[]> out = new java.util.ArrayList<>();
      fresh.getParameters().values().forEach(p -> out.add(p.getArray().toFloatArray()));
      return out;
    }
  }

  /** Writes values (in parameter order) into a block's existing arrays. */
  static void assign(Block block, java.util.List<float[]> values) {
    java.util.List<ai.djl.nn.Parameter> params = block.getParameters().values();
    if (params.size() != values.size()) {
      throw new IllegalStateException("checkpoint has " + values.size() + " parameters, network "
          + params.size());
    }
    for (int i = 0; i < params.size(); i++) {
      params.get(i).getArray().set(values.get(i));
    }
  }
}
