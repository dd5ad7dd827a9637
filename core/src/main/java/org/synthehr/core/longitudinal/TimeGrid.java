package org.synthehr.core.longitudinal;

import org.synthehr.core.error.InvalidConfigException;

/**
 * The regular time grid trajectories are modelled on: {@code steps} steps of {@code stepMinutes}
 * minutes from the start of the stay (minute 0). A measurement at minute m falls into step
 * {@code floor(m / stepMinutes)}; a measurement exactly at the window's end belongs to the last step
 * (PhysioNet charts at minute 2,880 of a 48-hour window).
 *
 * @param stepMinutes length of one step in minutes (60 = hourly)
 * @param steps number of steps (48 hourly steps = the first 48 hours)
 */
public record TimeGrid(int stepMinutes, int steps) {

  public TimeGrid {
    if (stepMinutes < 1) {
      throw new InvalidConfigException("grid.step_minutes must be at least 1, got " + stepMinutes
          + ".");
    }
    if (steps < 2 || steps > 10_000) {
      throw new InvalidConfigException("grid.steps must be between 2 and 10000, got " + steps + ".");
    }
  }

  /** Hourly steps over a number of hours. */
  public static TimeGrid hourly(int hours) {
    return new TimeGrid(60, hours);
  }

  /** Length of the window in minutes. */
  public long windowMinutes() {
    return (long) stepMinutes * steps;
  }

  /** The step of a time in minutes, or -1 when it lies outside [0, window]. */
  public int stepOf(double minutes) {
    if (Double.isNaN(minutes) || minutes < 0 || minutes > windowMinutes()) {
      return -1;
    }
    return (int) Math.min(steps - 1, Math.floor(minutes / stepMinutes));
  }

  /** Minute at which a step starts. */
  public long startMinute(int step) {
    return (long) step * stepMinutes;
  }

  /** The step that contains a number of hours after the start, clamped to [0, steps]. */
  public int stepAtHours(double hours) {
    return (int) Math.max(0, Math.min(steps, Math.round(hours * 60.0 / stepMinutes)));
  }
}
