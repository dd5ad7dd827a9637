package org.synthehr.generator.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Arrays made from JVM values in 64-byte-aligned memory, and parameters overwritten in place.
 *
 * <p>Why: PyTorch's CPU kernels (MKL) may sum in a different order depending on where an input
 * starts in memory, so the same numbers at another address can give results that differ in the last
 * bit, and a GAN amplifies that. PyTorch aligns its own allocations to 64 bytes; DJL's
 * {@code create(float[])} and {@code set(float[])} hand it JVM direct buffers aligned to 16 bytes at
 * addresses that depend on what ran before. Keeping every array 64-byte aligned makes a seed give the
 * same bits in any JVM (a Spark task, a resumed run, a test run after other tests).
 */
public final class AlignedArrays {
  static final int ALIGNMENT = 64;

  private AlignedArrays() {}

  /** A fresh 64-byte-aligned direct buffer of at least {@code bytes} bytes, native order. */
  static ByteBuffer allocate(int bytes) {
    // alignedSlice keeps whole 64-byte units from the first aligned address: round up, plus one.
    int units = (Math.max(bytes, 8) + ALIGNMENT - 1) / ALIGNMENT;
    return ByteBuffer.allocateDirect((units + 1) * ALIGNMENT).alignedSlice(ALIGNMENT)
        .order(ByteOrder.nativeOrder());
  }

  /** An array holding the values, in aligned memory owned by the array. */
  public static NDArray create(NDManager manager, float[] values, Shape shape) {
    ByteBuffer buffer = allocate(values.length * Float.BYTES);
    buffer.asFloatBuffer().put(values);
    buffer.limit(values.length * Float.BYTES);
    return manager.create(buffer.slice().order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32);
  }

  /**
   * Overwrites an array's values in place (on the CPU through its own memory, which PyTorch
   * allocated aligned; on a GPU by copy).
   */
  public static void write(NDArray target, float[] values) {
    if (target.getShape().size() != values.length) {
      throw new IllegalArgumentException("writing " + values.length + " values into "
          + target.getShape());
    }
    if (target.getDevice().isGpu()) {
      target.set(values);
      return;
    }
    JniUtils.getByteBuffer((PtNDArray) target, true).asFloatBuffer().put(0, values);
  }
}
