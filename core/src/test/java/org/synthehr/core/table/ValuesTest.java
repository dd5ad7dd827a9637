package org.synthehr.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.synthehr.core.schema.ColumnKind;
import org.synthehr.core.schema.StorageType;

class ValuesTest {
  @Test
  void missingNumbersBooleansAndDates() {
    assertTrue(Values.isMissing(null, List.of()));
    assertTrue(Values.isMissing("  ", List.of()));
    assertTrue(Values.isMissing("?", List.of("?")));
    assertFalse(Values.isMissing("None", List.of("?")));
    assertEquals(2.5, Values.parseNumber(" 2.5 "));
    assertThrows(NumberFormatException.class, () -> Values.parseNumber("NaN"));
    assertThrows(NumberFormatException.class, () -> Values.parseNumber("Infinity"));
    assertEquals(Boolean.TRUE, Values.booleanToken("Yes"));
    assertEquals(Boolean.FALSE, Values.booleanToken("0"));
    assertNull(Values.booleanToken("Ch"));
    assertEquals(86_400.0, Values.parseDateTime("1970-01-02"));
    assertEquals(86_400.0 + 3_600 + 60 + 1.5, Values.parseDateTime("1970-01-02T01:01:01.5"));
    assertEquals(86_400.0 + 3_600, Values.parseDateTime("1970-01-02 01:00"));
    assertEquals(0.0, Values.parseDateTime("1970-01-01T01:00:00+01:00"));
    assertTrue(Values.isDateOnly("2020-02-29"));
    assertFalse(Values.isDateTime("2020-02-30"));
  }

  @Test
  void formatsByKind() {
    assertEquals("3", Values.formatNumber(2.6, ColumnKind.INTEGER, StorageType.INT64));
    assertEquals("1.25", Values.formatNumber(1.25, ColumnKind.CONTINUOUS, StorageType.DOUBLE));
    assertEquals("4", Values.formatNumber(4.0, ColumnKind.CONTINUOUS, StorageType.DOUBLE));
    assertEquals("0.00001", Values.formatNumber(1e-5, ColumnKind.CONTINUOUS, StorageType.DOUBLE));
    assertEquals("1970-01-02", Values.formatNumber(86_400 + 50, ColumnKind.DATETIME,
        StorageType.DATE));
    assertEquals("1970-01-02 00:00:50", Values.formatNumber(86_400 + 50, ColumnKind.DATETIME,
        StorageType.TIMESTAMP));
    assertEquals("", Values.formatNumber(Double.NaN, ColumnKind.CONTINUOUS, StorageType.DOUBLE));
  }
}
