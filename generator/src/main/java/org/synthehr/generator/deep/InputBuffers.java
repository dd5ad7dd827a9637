package org.synthehr.generator.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Reusable direct buffers that a training step's inputs (rows, noise, masks) are copied into and
 * that PyTorch then reads in place: one allocation per input for the whole run instead of a fresh,
 * zeroed off-heap buffer per array per step. An array made from a slot is valid until the slot is
 * uploaded again, so each slot is used once per step, inside a per-step sub-manager that is closed
 * before the next step.
 */
public final class InputBuffers {
  private final Map<Integer, ByteBuffer> slots = new HashMap<>();

  /**
   * An array holding {@code values[0..count)} with the given shape, backed by slot {@code slot}.
   *
   * @param manager the step's manager (the array must be closed before the slot is reused)
   */
  public NDArray upload(NDManager manager, int slot, float[] values, int count, Shape shape) {
    int bytes = count * Float.BYTES;
    ByteBuffer buffer = slots.get(slot);
    if (buffer == null || buffer.capacity() < bytes) {
      buffer = AlignedArrays.allocate(bytes);
      slots.put(slot, buffer);
    }
    ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
    view.clear().limit(bytes);
    view.asFloatBuffer().put(values, 0, count);
    return manager.create(view.slice().order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32);
  }
}
