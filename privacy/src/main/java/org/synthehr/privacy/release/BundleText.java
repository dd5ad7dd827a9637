package org.synthehr.privacy.release;

import java.util.List;
import java.util.Locale;

/**
 * {@code synth release show}: the data card, the policy verdict per check and the decision
 * history as plain text for a terminal, with the bundle's integrity on the first lines.
 */
public final class BundleText {
  private BundleText() {}

  /** The text. */
  public static String render(BundleVerifier.Verification v) {
    StringBuilder s = new StringBuilder();
    DataCard card = v.card();
    if (card == null) {
      return "This bundle cannot be shown: " + v.problem() + "\n";
    }
    s.append(card.title()).append('\n').append("=".repeat(Math.min(100, card.title().length())))
        .append('\n');
    s.append("Status:    ").append(ReleaseStatus.of(card, v.approvals()).line()).append('\n');
    s.append("Integrity: ").append(v.ok() ? "intact (files match the manifest, approvals chain"
        + " holds)" : "PROBLEM: " + v.problem()).append("\n\n");
    heading(s, "What this data is");
    card.whatItIs().forEach(l -> s.append("  - ").append(l).append('\n'));
    card.whatItIsNot().forEach(l -> s.append("  - ").append(l).append('\n'));
    heading(s, "How it was made");
    DataCard.Generation g = card.generation();
    s.append("  model ").append(g.modelKind()).append(", seed ").append(g.seed())
        .append(g.epochs() == null ? "" : ", " + g.epochs() + " epochs").append('\n')
        .append("  privacy guarantee: ").append(g.guarantee()).append('\n');
    g.disclosureControls().forEach(l -> s.append("  - ").append(l).append('\n'));
    card.source().fingerprints().forEach((f, h) -> s.append("  source ").append(f).append(' ')
        .append(h).append('\n'));
    s.append("  trained model in bundle: ").append(card.modelIncluded() ? "yes" : "no")
        .append('\n');
    figures(s, "Fidelity", card.fidelity());
    figures(s, "Utility", card.utility());
    figures(s, "Fairness", card.fairness());
    figures(s, "Privacy", card.privacy());
    heading(s, "Release policy");
    DataCard.PolicyVerdict p = card.policy();
    if ("none".equals(p.verdict())) {
      s.append("  none applied\n");
    } else {
      s.append("  '").append(p.name()).append("': ").append(p.verdict().toUpperCase(Locale.ROOT))
          .append('\n');
      for (DataCard.Check c : p.checks()) {
        s.append(String.format(Locale.ROOT, "  %-6s %-28s %-48s %s %s%n",
            c.passed() == null ? "skip" : c.passed() ? "pass" : "FAIL", c.key(), c.metric(),
            c.value() == null ? "-" : String.format(Locale.ROOT, "%.4g", c.value()),
            c.bound() + " " + String.format(Locale.ROOT, "%.4g", c.threshold())));
      }
    }
    heading(s, "Known limitations");
    card.limitations().forEach(l -> s.append("  - ").append(l).append('\n'));
    heading(s, "Decisions (approvals.jsonl)");
    if (v.approvals().isEmpty()) {
      s.append("  none yet\n");
    }
    for (ApprovalEntry e : v.approvals()) {
      s.append(String.format(Locale.ROOT, "  %d. %s  %-7s by %s%s%n       reason: %s%n", e.seq(),
          e.time(), e.decision(), e.steward(), e.signed() ? " (signed, key " + e.keyId() + ")"
              : " (unsigned)", e.reason()));
      if (e.override() != null) {
        s.append("       OVERRIDE of the failed policy: ").append(e.override()).append('\n');
      }
    }
    return s.toString();
  }

  private static void heading(StringBuilder s, String title) {
    s.append('\n').append(title).append('\n');
  }

  private static void figures(StringBuilder s, String title, List<DataCard.Figure> figures) {
    heading(s, title);
    if (figures.isEmpty()) {
      s.append("  not measured\n");
    }
    for (DataCard.Figure f : figures) {
      s.append(String.format(Locale.ROOT, "  %-62s %8s%s%s%n", f.name(),
          "count".equals(f.unit()) && f.value() != null ? String.valueOf(Math.round(f.value()))
              : num(f.value()),
          f.baseline() == null ? "" : "  (real " + num(f.baseline()) + ")",
          f.passed() == null ? "" : f.passed() ? "  pass" : "  FAIL"));
    }
  }

  private static String num(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }
}
