package org.synthehr.privacy.attack;

/**
 * One shadow training: which rows of the attacker's pool the shadow generator learns from, how many
 * rows it then samples, and its seed. Plans are independent of each other, so they can run as
 * parallel tasks.
 *
 * @param trainingRows indices into the pool, sorted
 * @param sampleRows rows to sample from the trained shadow
 * @param seed seed of the training and of the sample
 */
public record ShadowPlan(int[] trainingRows, int sampleRows, long seed) {}
