package org.synthehr.core.longitudinal;

import org.synthehr.core.error.InvalidConfigException;

/**
 * The {@code grid:} section of a longitudinal config: the time grid and how measurements become grid
 * values.
 *
 * @param stepMinutes minutes per step (60 = hourly)
 * @param steps number of steps (48 hourly steps = the first 48 hours of a stay)
 * @param aggregation default combination of several measurements in one step (a variable's own
 *     {@code aggregation} in the variables file wins)
 * @param endGapMinutes a record whose last measurement is at least this long before the window's end
 *     is taken to end (death, discharge) right after that measurement; otherwise it runs to the end
 *     of the window
 */
public record GridConfig(int stepMinutes, int steps, Aggregation aggregation, int endGapMinutes) {

  public GridConfig {
    aggregation = aggregation == null ? Aggregation.MEAN : aggregation;
    if (endGapMinutes < 0) {
      throw new InvalidConfigException("grid.end_gap_minutes must be 0 or positive, got "
          + endGapMinutes + ".");
    }
    new TimeGrid(stepMinutes, steps);
  }

  /** Hourly over 48 hours, means, records ending 4 hours before the window's end counted as ended. */
  public static GridConfig hourly48() {
    return new GridConfig(60, 48, Aggregation.MEAN, 240);
  }

  /** The grid. */
  public TimeGrid grid() {
    return new TimeGrid(stepMinutes, steps);
  }
}
