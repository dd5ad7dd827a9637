package org.synthehr.privacy.attack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.synthehr.core.table.EntityRows;
import org.synthehr.core.table.Table;
import org.synthehr.generator.compute.MixedRows;
import org.synthehr.privacy.stats.RocFigures;
import org.synthehr.privacy.stats.Samples;

/**
 * The membership-inference experiment: a balanced set of targets, half training members and half
 * holdout non-members, that every attack scores; the rest of the holdout is the attacker's
 * reference data, so no target is ever part of what the attacker knows.
 */
public final class MembershipGame {
  private final Table members;
  private final Table nonMembers;
  private final AttackerKnowledge knowledge;
  private final Table targets;
  private final MixedRows targetRows;

  private MembershipGame(Table members, Table nonMembers, AttackerKnowledge knowledge) {
    this.members = members;
    this.nonMembers = nonMembers;
    this.knowledge = knowledge;
    this.targets = Table.concat(java.util.List.of(members, nonMembers));
    this.targetRows = knowledge.space().encode(targets);
  }

  /**
   * Draws the game.
   *
   * @param training the training split (members are drawn from it)
   * @param holdout the holdout (non-members, and the attacker's reference data from the rest)
   * @param synthetic the released synthetic rows
   * @param targetsPerSide members and non-members each (capped so the reference keeps at least
   *     half the holdout)
   * @param maxReference rows of attacker reference data
   * @param maxSynthetic synthetic rows the attacker uses
   */
  public static MembershipGame draw(Table training, Table holdout, Table synthetic,
      int targetsPerSide, int maxReference, int maxSynthetic, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = Math.min(targetsPerSide, Math.min(training.rowCount(), holdout.rowCount() / 2));
    if (n < 10) {
      throw new IllegalArgumentException("membership attacks need at least 10 training rows and"
          + " 20 holdout rows, got " + training.rowCount() + " and " + holdout.rowCount());
    }
    Table members = training.modelled().take(Samples.without(training.rowCount(), n, rnd));
    int[][] split = EntityRows.hasEntities(holdout) ? byPatient(holdout, n, rnd)
        : Samples.split(holdout.rowCount(), n, rnd);
    Table nonMembers = holdout.modelled().take(split[0]);
    int[] rest = split[1];
    int[] pick = Samples.without(rest.length, maxReference, rnd);
    int[] refRows = new int[pick.length];
    for (int i = 0; i < pick.length; i++) {
      refRows[i] = rest[pick[i]];
    }
    Table reference = holdout.modelled().take(refRows);
    Table syn = synthetic.modelled().take(Samples.without(synthetic.rowCount(), maxSynthetic, rnd));
    return new MembershipGame(members, nonMembers, AttackerKnowledge.of(syn, reference));
  }

  /**
   * Non-member targets (n rows, taken patient by patient) and the rows of every other patient: a
   * non-member's other rows must not sit in the attacker's reference data, where they would make
   * it look unlike a member to any attack that compares it with the reference. Rows of the last
   * patient beyond n are left out of both.
   */
  private static int[][] byPatient(Table holdout, int n, SplittableRandom rnd) {
    int[][] patients = EntityRows.shuffled(EntityRows.groups(holdout), rnd);
    List<Integer> targets = new ArrayList<>();
    List<Integer> rest = new ArrayList<>();
    for (int[] rows : patients) {
      if (targets.size() < n) {
        for (int r : rows) {
          if (targets.size() < n) {
            targets.add(r);
          }
        }
      } else {
        for (int r : rows) {
          rest.add(r);
        }
      }
    }
    return new int[][] {targets.stream().mapToInt(Integer::intValue).sorted().toArray(),
        rest.stream().mapToInt(Integer::intValue).sorted().toArray()};
  }

  /** Members per side. */
  public int targetsPerSide() {
    return members.rowCount();
  }

  /** What the attacker knows. */
  public AttackerKnowledge knowledge() {
    return knowledge;
  }

  /** Training members among the targets. */
  public Table members() {
    return members;
  }

  /** Holdout non-members among the targets. */
  public Table nonMembers() {
    return nonMembers;
  }

  /** Runs an attack and scores its guesses. */
  public AttackResult play(MembershipAttack attack, int resamples, long seed) {
    double[] s = attack.scores(knowledge, targets, targetRows);
    int n = members.rowCount();
    double[] m = Arrays.copyOfRange(s, 0, n);
    double[] o = Arrays.copyOfRange(s, n, s.length);
    return new AttackResult(attack.id(), attack.description(),
        RocFigures.of(m, o, resamples, seed), n, nonMembers.rowCount());
  }
}
