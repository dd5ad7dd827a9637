/**
 * Fast numeric kernels on plain Java arrays, computed through the BLAS that the PyTorch engine of
 * DJL brings: nearest-neighbour distances and Gaussian kernel sums as blocked matrix products, and
 * plain matrix products. Other modules (privacy, evaluator) call these without touching DJL, which
 * is only allowed in this module; no NDArray ever crosses the public API.
 */
package org.synthehr.generator.compute;
