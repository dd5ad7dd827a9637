/**
 * Differential privacy for training: the Rényi-DP accountant of the subsampled Gaussian mechanism
 * (what DP-SGD is), the budget a training loop asks before every step, and the DP-SGD building
 * blocks (Poisson sampling, per-example clipping, Gaussian noise) on DJL parameters. The accountant
 * is plain Java; it lives here, not in the privacy module, because the training loops that must
 * stop at the budget live in this module and cannot depend on privacy.
 */
package org.synthehr.generator.dp;
