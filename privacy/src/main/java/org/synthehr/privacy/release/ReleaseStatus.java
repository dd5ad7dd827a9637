package org.synthehr.privacy.release;

import static org.synthehr.core.html.Html.esc;

import java.util.List;

/**
 * Where a bundle stands: the policy verdict and the latest steward decision, as the banner and the
 * decision history of the data card page.
 *
 * @param policy the card's policy verdict
 * @param latest the latest decision, or null when no steward has decided yet
 */
record ReleaseStatus(DataCard.PolicyVerdict policy, ApprovalEntry latest) {
  static ReleaseStatus of(DataCard card, List<ApprovalEntry> approvals) {
    return new ReleaseStatus(card.policy(), approvals.isEmpty() ? null
        : approvals.get(approvals.size() - 1));
  }

  /** One line: the decision and the policy verdict. */
  String line() {
    String decision = latest == null ? "awaiting a steward's decision"
        : (latest.approves() ? "APPROVED" : "REJECTED") + " by " + latest.steward() + " on "
            + latest.time() + (latest.signed() ? " (signed, key " + latest.keyId() + ")" : "");
    String verdict = switch (policy.verdict()) {
      case "passed" -> "policy '" + policy.name() + "' passed";
      case "failed" -> "policy '" + policy.name() + "' FAILED";
      default -> "no release policy";
    };
    return decision + "; " + verdict;
  }

  void banner(StringBuilder out) {
    String tone = latest == null ? "warn" : latest.approves() ? "ok" : "bad";
    out.append("<div class='banner ").append(tone).append("'><div class='state'>")
        .append(latest == null ? "Awaiting review" : latest.approves() ? "Approved for release"
            : "Rejected").append("</div><div>").append(esc(line())).append("</div>");
    if (latest != null && latest.override() != null) {
      out.append("<div class='override'><b>Approved although the release policy failed.</b>")
          .append(" Override reason: ").append(esc(latest.override())).append("</div>");
    }
    if (policy.failed()) {
      out.append("<div class='fails'>Failed checks: ").append(esc(String.join("; ",
          policy.failures()))).append("</div>");
    }
    out.append("</div>");
  }

  static String history(List<ApprovalEntry> approvals) {
    if (approvals.isEmpty()) {
      return "<p class='warn-text'>No steward has decided on this release yet. Record a decision"
          + " with <code>synth release approve BUNDLE --steward NAME --decision approve|reject"
          + " --reason TEXT</code>.</p>";
    }
    StringBuilder s = new StringBuilder("<p class='lead'>Every decision, oldest first, from"
        + " approvals.jsonl: each entry names the manifest it decided on and the entry before it,"
        + " so none can be changed unseen.</p><table class='metrics'><thead><tr><th>#</th><th>"
        + "When</th><th>Steward</th><th>Decision</th><th>Reason</th><th>Policy</th><th>Signed"
        + "</th></tr></thead><tbody>");
    for (ApprovalEntry e : approvals) {
      s.append("<tr><td>").append(e.seq()).append("</td><td>").append(esc(e.time()))
          .append("</td><td>").append(esc(e.steward())).append("</td><td><span class='chip ")
          .append(e.approves() ? "ok'>approve" : "bad'>reject").append("</span></td><td>")
          .append(esc(e.reason()));
      if (e.override() != null) {
        s.append("<div class='override'><b>Override of the failed policy:</b> ")
            .append(esc(e.override())).append("</div>");
      }
      s.append("</td><td>").append(esc(e.policyVerdict())).append("</td><td>")
          .append(e.signed() ? "key <code>" + esc(e.keyId()) + "</code>" : "no")
          .append("</td></tr>");
    }
    return s.append("</tbody></table>").toString();
  }
}
