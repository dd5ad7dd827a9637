package org.synthehr.privacy.attack;

import java.util.List;
import org.synthehr.core.table.Table;

/**
 * Trains the generator configuration under attack on shadow training sets and samples from each:
 * the expensive part of a shadow-model attack. {@link LocalShadowTrainer} runs the plans one after
 * another in this JVM; the Spark jobs run them as parallel Spark tasks.
 */
public interface ShadowTrainer {
  /**
   * Trains one shadow model per plan and samples from it.
   *
   * @param pool the attacker's real rows (modelled columns); plans index into it
   * @param plans the shadow trainings
   * @return the sampled rows of each plan, in plan order, with the pool's schema
   */
  List<Table> trainAndSample(Table pool, List<ShadowPlan> plans);
}
