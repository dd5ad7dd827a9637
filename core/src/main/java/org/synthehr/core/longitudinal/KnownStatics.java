package org.synthehr.core.longitudinal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synthehr.core.error.InvalidInputException;
import org.synthehr.core.error.Problem;
import org.synthehr.core.io.DataFormat;
import org.synthehr.core.io.RowSource;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.TableBuilder;

/**
 * Static attributes read on a schema already known (a trained model's), for patients a model is
 * applied to rather than learned from: no kinds are inferred and no column needs a value, so a
 * handful of patients whose heights were never measured can still be forecast. Values come from
 * the static file, the static columns of the visit table and the outcomes file, whichever holds
 * the column; a column none holds (an outcome still in the future) is missing.
 */
final class KnownStatics {
  private KnownStatics() {}

  static StaticAttributes read(CohortInputConfig input, TableSchema known,
      Map<String, String[]> visitStatics) {
    Map<String, Map<String, String>> cells = new LinkedHashMap<>();
    if (visitStatics != null) {
      visitStatics.forEach((id, values) -> {
        Map<String, String> row = cells.computeIfAbsent(id, k -> new HashMap<>());
        for (int i = 0; i < values.length; i++) {
          row.put(input.staticColumns().get(i), values[i]);
        }
      });
    }
    if (input.staticPath() != null) {
      merge(cells, input.staticPath(), input.idColumn(), input, true);
    }
    if (input.outcomesPath() != null) {
      merge(cells, input.outcomesPath(), input.outcomesIdColumn() != null
          ? input.outcomesIdColumn() : input.idColumn(), input, false);
    }
    List<String> names = known.names();
    TableBuilder b = new TableBuilder(known, input.staticPath() != null ? input.staticPath()
        : input.visitsPath());
    String[] ids = cells.keySet().toArray(String[]::new);
    long row = 0;
    for (String id : ids) {
      Map<String, String> mine = cells.get(id);
      String[] r = new String[names.size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = mine.get(names.get(i));
      }
      b.addRow(r, ++row);
    }
    return new StaticAttributes(ids, b.build());
  }

  /** Adds a file's cells by patient id; only the static file adds patients. */
  private static void merge(Map<String, Map<String, String>> cells, String file, String idColumn,
      CohortInputConfig input, boolean addsPatients) {
    try (RowSource src = DataFormat.open(Path.of(file), input.csv())) {
      int id = CohortReader.column(src, idColumn, "the id column");
      List<String> header = src.header();
      Map<String, Long> seen = new HashMap<>();
      String[] r;
      while ((r = src.next()) != null) {
        String pid = r[id] == null ? "" : r[id].trim();
        if (pid.isEmpty()) {
          continue;
        }
        if (addsPatients && seen.putIfAbsent(pid, src.rowNumber()) != null) {
          throw new InvalidInputException(Problem.ofRow(file, idColumn, src.rowNumber(),
              "patient id '" + pid + "' appears again (first in row " + seen.get(pid) + ")",
              "keep one row per patient in the static file"));
        }
        Map<String, String> row = addsPatients ? cells.computeIfAbsent(pid, k -> new HashMap<>())
            : cells.get(pid);
        if (row == null) {
          continue;
        }
        for (int c = 0; c < header.size(); c++) {
          if (c != id) {
            row.put(header.get(c), r[c]);
          }
        }
      }
    }
  }
}
