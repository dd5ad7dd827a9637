package org.synthehr.core.seed;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named, independent random streams derived from one run seed. Every random choice in the toolkit
 * draws from a stream named for its purpose ("split", "train", "sample"), so adding randomness in one
 * place never shifts the numbers drawn in another; block {@code b} of a sample uses
 * {@link #blockSeed(String, long)} so output does not depend on how the work is partitioned.
 */
public final class Seeds {
  private final long root;

  private Seeds(long root) {
    this.root = root;
  }

  /** Streams derived from a run seed. */
  public static Seeds of(long root) {
    return new Seeds(root);
  }

  /** The run seed. */
  public long root() {
    return root;
  }

  /** The seed of a named stream. */
  public long seed(String stream) {
    return mix(root ^ mix(fnv1a(stream)));
  }

  /** The streams of a named child, for components that split further. */
  public Seeds child(String stream) {
    return new Seeds(seed(stream));
  }

  /** The seed of block {@code index} of a named stream. */
  public long blockSeed(String stream, long index) {
    return mix(seed(stream) + mix(index + 0x632BE59BD9B4E019L));
  }

  /** A generator for a named stream. */
  public SplittableRandom random(String stream) {
    return new SplittableRandom(seed(stream));
  }

  /** SplitMix64's finaliser: a bijective 64-bit mix with good avalanche. */
  public static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 64-bit FNV-1a of a string's UTF-8 bytes: stable across JVMs and versions. */
  public static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
