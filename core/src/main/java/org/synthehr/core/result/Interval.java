package org.synthehr.core.result;

/**
 * A confidence interval.
 *
 * @param low lower bound
 * @param high upper bound
 * @param level confidence level, e.g. 0.95
 */
public record Interval(double low, double high, double level) {}
