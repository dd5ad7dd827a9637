package org.synthehr.privacy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The card names its source as a reader would: the table's name, or a cohort's folder. */
class DataCardBuilderTest {
  @Test
  void aSingleFileIsNamedByItsStemAndACohortByItsFolder() {
    ObjectNode one = JsonNodeFactory.instance.objectNode().put("data/corpus/nafld1.csv", "x");
    assertEquals("nafld1", DataCardBuilder.datasetName(one));
    ObjectNode cohort = JsonNodeFactory.instance.objectNode()
        .put("configs/physionet2012.variables.yaml", "x")
        .put("data/physionet2012-a-sample/Outcomes-a.csv", "x")
        .put("data/physionet2012-a-sample/set-a_static.csv", "x");
    assertEquals("physionet2012-a-sample", DataCardBuilder.datasetName(cohort));
    assertEquals("the input data", DataCardBuilder.datasetName(
        JsonNodeFactory.instance.objectNode()));
  }
}
