package org.synthehr.privacy.testing;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.synthehr.core.schema.TableSchema;
import org.synthehr.core.table.Table;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.SampleRequest;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.TrainingContext;

/**
 * The worst generator there is: it "samples" by drawing its training rows with replacement. Every
 * privacy attack must flag it.
 */
public final class CopyingSynthesizer implements Synthesizer {
  @Override
  public String kind() {
    return "copying";
  }

  @Override
  public FittedSynthesizer fit(Table training, TrainingContext context) {
    Table rows = training.modelled();
    return new FittedSynthesizer() {
      @Override
      public String kind() {
        return "copying";
      }

      @Override
      public TableSchema schema() {
        return rows.schema();
      }

      @Override
      public Table sample(SampleRequest request) {
        SplittableRandom rnd = new SplittableRandom(request.seed());
        int[] idx = new int[request.rows()];
        for (int i = 0; i < idx.length; i++) {
          idx[i] = rnd.nextInt(rows.rowCount());
        }
        return rows.take(idx);
      }

      @Override
      public void save(Path dir) {
        throw new UnsupportedOperationException("a test generator is never saved");
      }
    };
  }
}
