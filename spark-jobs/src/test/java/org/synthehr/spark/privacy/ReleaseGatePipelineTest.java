package org.synthehr.spark.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synthehr.core.error.ExitCodes;
import org.synthehr.core.io.Json;
import org.synthehr.core.testing.TestData;
import org.synthehr.spark.cli.SynthMain;

/**
 * End to end on the shipped sample: a pipeline with a release policy writes its outputs with the
 * privacy figures and the policy rows, and exits with code 4 when the policy fails.
 */
class ReleaseGatePipelineTest {
  @TempDir
  Path dir;

  @Test
  void failingPolicyWritesTheReportAndExitsWithFour() throws Exception {
    Path root = TestData.repoRoot();
    Path policy = dir.resolve("policy.yaml");
    // The DCR share of a good model is near 0.5: a policy demanding under 0.1 must fail.
    Files.writeString(policy, "name: too-strict\nmax_dcr_share: 0.1\nmax_mia_auc: 0.95\n");
    Path out = dir.resolve("run");
    int code = SynthMain.execute("pipeline", root.resolve("configs/diabetes130-sample.yaml")
        .toString(), "--quiet",
        "--set", "input.path=" + root.resolve("data/diabetes130-sample.csv"),
        "--set", "input.schema=" + root.resolve("configs/diabetes130.schema.yaml"),
        "--set", "output.dir=" + out,
        "--set", "release.policy=" + policy,
        "--set", "privacy.attacks.targets=200",
        "--set", "privacy.attacks.synthetic_rows=1000",
        "--set", "privacy.attacks.shadow_models=2",
        "--set", "privacy.attacks.shadow_training_rows=300",
        "--set", "privacy.attacks.singling_out_queries=100",
        "--set", "privacy.attacks.bootstrap=20",
        "--set", "spark.master=local[2]");
    assertEquals(ExitCodes.RELEASE_GATE_FAILED, code);
    JsonNode report = Json.readTree(out.resolve("report.json"));
    assertEquals(false, report.path("summary").path("release_policy_passed").asBoolean(true));
    boolean policyRow = false;
    boolean shadow = false;
    boolean copies = false;
    for (JsonNode m : report.path("metrics")) {
      String id = m.path("id").asText();
      policyRow |= id.equals("policy.max_dcr_share.privacy.dcr.share_closer_to_training")
          && !m.path("passed").asBoolean(true);
      shadow |= id.equals("privacy.mia.shadow_model.auc");
      copies |= id.equals("privacy.disclosure.copies_removed_rate");
    }
    assertTrue(policyRow && shadow && copies, "policy row, shadow attack and copy count expected");
    assertTrue(Files.isDirectory(out.resolve("synthetic")));
  }
}
