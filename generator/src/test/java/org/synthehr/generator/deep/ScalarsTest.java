package org.synthehr.generator.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Constants stay valid until the backward pass reads them, whatever the garbage collector does in
 * between; and no class of the module uses DJL's number overloads that do not guarantee this.
 */
class ScalarsTest {
  private static final Set<String> UNSAFE = Set.of("mul", "div", "pow", "maximum", "minimum",
      "muli", "divi", "powi");
  private static final Set<String> ARRAY_TYPES = Set.of("ai/djl/ndarray/NDArray",
      "ai/djl/pytorch/engine/PtNDArray", "ai/djl/ndarray/NDArrays",
      "ai/djl/ndarray/NDArrayAdapter");
  /** DJL helpers that call an unsafe overload inside (swish: {@code x.mul(Float beta)}). */
  private static final Set<String> UNSAFE_HELPERS = Set.of("ai/djl/nn/Activation.swish",
      "ai/djl/ndarray/internal/NDArrayEx.swish", "ai/djl/ndarray/internal/NDArrayEx.mish",
      "ai/djl/nn/Activation.mish");

  @Test
  void gradientsThroughConstantsSurviveGarbageCollection() throws InterruptedException {
    DjlOffline.enforce();
    try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
      float[] x0 = new float[64];
      for (int i = 0; i < x0.length; i++) {
        x0[i] = i * 0.25f - 3f;
      }
      NDArray x = m.create(x0);
      x.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray y = Scalars.div(Scalars.mul(x, 3.0), 4.0);
        NDArray z = Scalars.pow(Scalars.maximum(Scalars.minimum(y, 2.0), -1.0), 2.0);
        NDArray loss = z.add(y).sum();
        scribbleOverFreedDirectMemory();
        collector.backward(loss);
      }
      float[] grad = x.getGradient().toFloatArray();
      float[] expected = new float[x0.length];
      for (int i = 0; i < x0.length; i++) {
        float y = x0[i] * 3f / 4f;
        float clipped = Math.max(Math.min(y, 2f), -1f);
        float inside = y > -1f && y < 2f ? 1f : 0f;
        expected[i] = (2f * clipped * inside + 1f) * 0.75f;
      }
      assertArrayEquals(expected, grad, 1e-6f);
    }
  }

  @Test
  void inPlaceScalingScales() {
    DjlOffline.enforce();
    try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
      NDArray x = m.create(new float[] {1f, -2f, 4f});
      Scalars.mulInPlace(x, 0.5);
      assertArrayEquals(new float[] {0.5f, -1f, 2f}, x.toFloatArray());
    }
  }

  /** The unsafe overloads are absent from every class of the module (read from the bytecode). */
  @Test
  void noClassUsesDjlNumberOverloadsThatBackwardReads() throws IOException {
    Path classes = Path.of(Scalars.class.getProtectionDomain().getCodeSource().getLocation()
        .getPath());
    assertTrue(Files.isDirectory(classes), "compiled classes expected at " + classes);
    Set<String> offenders = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          for (String call : unsafeCalls(in)) {
            offenders.add(classes.relativize(f) + ": " + call);
          }
        }
      }
    }
    assertEquals(Set.of(), offenders, "use org.synthehr.generator.deep.Scalars instead of DJL's"
        + " number overloads (their constant can be freed before the backward pass reads it)");
  }

  /** Frees the direct buffers the collector can reach and fills new ones with a bit pattern. */
  private static void scribbleOverFreedDirectMemory() throws InterruptedException {
    List<ByteBuffer> keep = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      System.gc();
      Thread.sleep(50);
      for (int i = 0; i < 2000; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 + i % 64);
        while (b.hasRemaining()) {
          b.put((byte) 0x7e);
        }
        keep.add(b);
      }
    }
    assertTrue(keep.size() > 0);
  }

  /** Method references of the class file that name an unsafe overload taking a Number. */
  static List<String> unsafeCalls(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    in.readInt();
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNameIndex = new int[count];
    int[][] refs = new int[count][];
    int[][] nameAndType = new int[count][];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        case 7 -> classNameIndex[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 9, 17, 18 -> in.readInt();
        case 10, 11 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
        case 12 -> nameAndType[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      if (refs[i] == null) {
        continue;
      }
      String owner = utf8[classNameIndex[refs[i][0]]];
      int[] nt = nameAndType[refs[i][1]];
      String name = utf8[nt[0]];
      String descriptor = utf8[nt[1]];
      if (ARRAY_TYPES.contains(owner) && UNSAFE.contains(name)
          && descriptor.contains("Ljava/lang/Number;")
          || UNSAFE_HELPERS.contains(owner + "." + name)) {
        out.add(owner + "." + name + descriptor);
      }
    }
    return out;
  }
}
