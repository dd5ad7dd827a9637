package org.synthehr.privacy.testing;

import java.nio.file.Path;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.TrainingContext;

/**
 * A generator that ignores its training rows: it draws every column independently over a fixed
 * domain given up front. No attack may find anything in its output.
 */
public final class IndependentSynthesizer implements Synthesizer {
  private final Table domain;

  /** @param domain a table (not the training data) whose categories and ranges define the domain */
  public IndependentSynthesizer(Table domain) {
    this.domain = domain.modelled();
  }

  @Override
  public String kind() {
    return "independent";
  }

  @Override
  public FittedSynthesizer fit(Table training, TrainingContext context) {
    return new FittedSynthesizer() {
      @Override
      public String kind() {
        return "independent";
      }

      @Override
      public TableSchema schema() {
        return domain.schema();
      }

      @Override
      public Table sample(SampleRequest request) {
        return PrivacyFixtures.independentRandom(domain, request.rows(), request.seed());
      }

      @Override
      public void save(Path dir) {
        throw new UnsupportedOperationException("a test generator is never saved");
      }
    };
  }
}
