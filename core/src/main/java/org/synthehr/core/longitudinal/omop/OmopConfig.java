package org.synthehr.core.longitudinal.omop;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.synthehr.core.error.InvalidConfigException;

/**
 * The {@code omop:} section of a longitudinal config: how synthetic patients become rows of OMOP
 * CDM-shaped {@code person}, {@code visit_occurrence} and {@code measurement} tables. Grid times are
 * relative to the stay's start, so stays are placed on the calendar from {@code anchorDate}.
 *
 * @param anchorDate the first admission date (ISO), e.g. 2012-01-01
 * @param spreadDays admissions are spread over this many days after the anchor (seeded)
 * @param genderColumn static column holding sex/gender, or null
 * @param genderValues its values mapped to {@code MALE} / {@code FEMALE} (OMOP concepts 8507 /
 *     8532); other values get concept 0
 * @param ageColumn static column holding age at admission in years, or null
 * @param careSiteColumn static column naming the unit (written as visit_source_value), or null
 * @param careSiteValues optional names for the unit codes
 * @param deathColumn static column flagging in-hospital death, or null
 * @param deathValue the value of {@code deathColumn} that means death
 * @param staticMeasurements static numeric columns written as measurements at admission, with units
 *     <p>Serializable because Spark ships it to the sampling tasks.
 */
public record OmopConfig(String anchorDate, int spreadDays, String genderColumn,
    Map<String, String> genderValues, String ageColumn, String careSiteColumn,
    Map<String, String> careSiteValues, String deathColumn, String deathValue,
    Map<String, String> staticMeasurements) implements Serializable {
  private static final long serialVersionUID = 1L;

  public OmopConfig {
    anchorDate = anchorDate == null ? "2012-01-01" : anchorDate;
    genderValues = genderValues == null ? Map.of() : Map.copyOf(genderValues);
    careSiteValues = careSiteValues == null ? Map.of() : Map.copyOf(careSiteValues);
    staticMeasurements = staticMeasurements == null ? Map.of() : Map.copyOf(staticMeasurements);
    deathValue = deathValue == null ? "1" : deathValue;
    if (spreadDays < 0) {
      throw new InvalidConfigException("omop.spread_days must be 0 or positive, got " + spreadDays
          + ".");
    }
    try {
      LocalDate.parse(anchorDate);
    } catch (DateTimeParseException e) {
      throw new InvalidConfigException("omop.anchor_date must be an ISO date such as 2012-01-01, got"
          + " '" + anchorDate + "'.");
    }
    for (Map.Entry<String, String> e : genderValues.entrySet()) {
      if (!e.getValue().equals("MALE") && !e.getValue().equals("FEMALE")) {
        throw new InvalidConfigException("omop.gender_values maps '" + e.getKey() + "' to '"
            + e.getValue() + "'; use MALE or FEMALE.");
      }
    }
  }

  /** No mapping beyond the defaults: ids, times, measurements. */
  public static OmopConfig minimal() {
    return new OmopConfig("2012-01-01", 365, null, null, null, null, null, null, null, null);
  }

  /** The anchor as a date. */
  public LocalDate anchor() {
    return LocalDate.parse(anchorDate);
  }
}
