package org.synthehr.privacy.attack;

import org.synthehr.core.table.Table;
import org.synthehr.generator.compute.MixedRows;
import org.synthehr.generator.compute.NearestNeighbours;

/**
 * The black-box distance attack: a record is scored by how close the synthetic data comes to it
 * (minus its distance to the nearest synthetic row). A generator that reproduces its training rows
 * puts members at distance 0; one that learned only the population puts members and non-members at
 * the same distances.
 */
public final class DistanceAttack implements MembershipAttack {
  @Override
  public String id() {
    return "distance";
  }

  @Override
  public String description() {
    return "black-box attack: a record closer to its nearest synthetic row is guessed a member";
  }

  @Override
  public double[] scores(AttackerKnowledge knowledge, Table targets, MixedRows targetRows) {
    double[] d = NearestNeighbours.search(targetRows, knowledge.syntheticRows(), 1).nearest();
    double[] out = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = -d[i];
    }
    return out;
  }
}
