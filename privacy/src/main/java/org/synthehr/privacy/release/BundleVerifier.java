package org.synthehr.privacy.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.synthehr.core.error.SynthException;
import org.synthehr.core.io.Json;
import org.synthehr.core.provenance.Provenance;

/**
 * Checks a release bundle: every file against the manifest (and no file added), the approvals'
 * hash chain and signatures, the data card page against what it must render to, and (for a
 * release) that the latest decision approves, with an override where the policy failed. Stops at
 * the first problem and names the file or entry.
 */
public final class BundleVerifier {
  private final Path bundle;
  private final List<String> checked = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private BundleVerifier(Path bundle) {
    this.bundle = bundle;
  }

  /**
   * The outcome.
   *
   * @param checked what was checked and held, in order
   * @param notes what the steward should know although nothing failed
   * @param problem the first problem, or null when everything held
   * @param card the data card, or null when it could not be read
   * @param approvals the entries read (up to the problem)
   * @param manifestSha256 the manifest's sha256, or null
   */
  public record Verification(List<String> checked, List<String> notes, String problem,
      DataCard card, List<ApprovalEntry> approvals, String manifestSha256) {
    /** Whether every check held. */
    public boolean ok() {
      return problem == null;
    }
  }

  /**
   * Verifies a bundle.
   *
   * @param bundle the bundle directory
   * @param trusted the key the deciding approval must be signed with, or null
   * @param forRelease whether the latest decision must be an approval (verify, publish) or only
   *     the integrity is checked (approve, show)
   */
  public static Verification verify(Path bundle, PublicKey trusted, boolean forRelease) {
    BundleVerifier v = new BundleVerifier(bundle);
    List<ApprovalEntry> entries = new ArrayList<>();
    DataCard card = null;
    String manifestHash = null;
    String problem;
    try {
      manifestHash = v.files();
      card = Json.read(bundle.resolve(DataCard.FILE), DataCard.class);
      v.chain(entries, card, manifestHash);
      v.page(card, entries, manifestHash);
      if (forRelease) {
        v.decision(entries, card, trusted);
      }
      problem = null;
    } catch (Problem p) {
      problem = p.getMessage();
    } catch (SynthException e) {
      problem = e.getMessage();
    }
    return new Verification(List.copyOf(v.checked), List.copyOf(v.notes), problem, card,
        List.copyOf(entries), manifestHash);
  }

  private String files() {
    Path manifestFile = bundle.resolve(BundleManifest.FILE);
    if (!Files.isRegularFile(manifestFile)) {
      throw new Problem(bundle + " has no " + BundleManifest.FILE + ": it is not a release bundle"
          + " (make one with 'synth release prepare RUN_DIR --out BUNDLE').");
    }
    BundleManifest manifest = Json.read(manifestFile, BundleManifest.class);
    Set<String> listed = new HashSet<>();
    long bytes = 0;
    for (BundleManifest.Entry e : manifest.files()) {
      listed.add(e.path());
      Path file = bundle.resolve(e.path()).normalize();
      if (!file.startsWith(bundle.normalize())) {
        throw new Problem("manifest.json lists " + e.path() + ", which is outside the bundle.");
      }
      if (!Files.isRegularFile(file)) {
        throw new Problem("missing file: " + e.path() + " is in manifest.json but not in the"
            + " bundle.");
      }
      long size = size(file);
      if (size != e.size()) {
        throw new Problem("tampered file: " + e.path() + " has " + size + " bytes; manifest.json"
            + " recorded " + e.size() + ".");
      }
      String sha = Provenance.sha256(file);
      if (!sha.equals(e.sha256())) {
        throw new Problem("tampered file: " + e.path() + " has sha256 " + sha + "; manifest.json"
            + " recorded " + e.sha256() + ".");
      }
      bytes += size;
    }
    for (String rel : BundleManifest.listFiles(bundle)) {
      if (!listed.contains(rel) && !BundleManifest.outside(rel)) {
        throw new Problem("unlisted file: " + rel + " is in the bundle but not in manifest.json"
            + " (added after the bundle was prepared).");
      }
    }
    checked.add(String.format(java.util.Locale.ROOT, "%d files (%,d bytes) match manifest.json"
        + " (sha256 and size); no file was added", manifest.files().size(), bytes));
    return Provenance.sha256(manifestFile);
  }

  private void chain(List<ApprovalEntry> entries, DataCard card, String manifestHash) {
    List<ApprovalLog.Line> lines = ApprovalLog.read(bundle);
    String previous = manifestHash;
    int signed = 0;
    for (ApprovalLog.Line line : lines) {
      int n = line.number();
      ApprovalEntry e = line.entry();
      if (e == null) {
        throw new Problem("approvals.jsonl entry " + n + " is not a valid entry (" + line.error()
            + "): it was edited by hand.");
      }
      if (e.seq() != n) {
        throw new Problem("approvals.jsonl entry " + n + " says it is entry " + e.seq()
            + ": entries were removed or reordered.");
      }
      if (!previous.equals(e.previousSha256())) {
        throw new Problem(n == 1
            ? "approvals.jsonl entry 1 does not start from this bundle's manifest (its"
                + " previous_sha256 is " + e.previousSha256() + "): it belongs to another bundle or"
                + " was changed."
            : "approvals.jsonl entry " + (n - 1) + " was changed after entry " + n + " was"
                + " recorded: entry " + n + " holds sha256 " + e.previousSha256() + " of it, and it"
                + " now hashes to " + previous + ".");
      }
      if (!manifestHash.equals(e.manifestSha256())) {
        throw new Problem("approvals.jsonl entry " + n + " decided on another manifest ("
            + e.manifestSha256() + "); this bundle's manifest.json has sha256 " + manifestHash
            + ".");
      }
      if (!ApprovalEntry.APPROVE.equals(e.decision()) && !ApprovalEntry.REJECT.equals(
          e.decision())) {
        throw new Problem("approvals.jsonl entry " + n + " has decision '" + e.decision()
            + "'; only approve and reject exist.");
      }
      if (!card.policy().verdict().equals(e.policyVerdict())) {
        throw new Problem("approvals.jsonl entry " + n + " records the policy verdict '"
            + e.policyVerdict() + "', but the data card's is '" + card.policy().verdict() + "'.");
      }
      if (e.signature() != null) {
        checkSignature(n, e);
        signed++;
      }
      entries.add(e);
      previous = line.sha256();
    }
    checked.add(lines.isEmpty() ? "approvals.jsonl: no decision recorded yet"
        : "approvals.jsonl: " + lines.size() + " entr" + (lines.size() == 1 ? "y" : "ies")
            + ", each linked to the one before and to this manifest; " + signed
            + " signature(s) valid");
  }

  private static void checkSignature(int n, ApprovalEntry e) {
    PublicKey key;
    try {
      key = SigningKeys.decodePublic(e.publicKey());
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException bad) {
      throw new Problem("approvals.jsonl entry " + n + " is signed but its public key is not a"
          + " valid Ed25519 key.");
    }
    if (!SigningKeys.keyId(key).equals(e.keyId())) {
      throw new Problem("approvals.jsonl entry " + n + " names key " + e.keyId() + " but carries"
          + " key " + SigningKeys.keyId(key) + ".");
    }
    if (!SigningKeys.verify(key, e.payload(), e.signature())) {
      throw new Problem("bad signature: approvals.jsonl entry " + n + " does not verify with its"
          + " key " + e.keyId() + " (the entry was changed after it was signed).");
    }
  }

  private void page(DataCard card, List<ApprovalEntry> entries, String manifestHash) {
    Path page = bundle.resolve(DataCardPage.FILE);
    if (!Files.isRegularFile(page)) {
      throw new Problem("datacard.html is missing (it is rendered from datacard.json and the"
          + " approvals; re-run 'synth release approve' or prepare the bundle again).");
    }
    String expected = DataCardPage.render(card, entries, manifestHash);
    String actual;
    try {
      actual = Files.readString(page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + page, e);
    }
    if (!expected.equals(actual)) {
      throw new Problem("tampered file: datacard.html is not what datacard.json and"
          + " approvals.jsonl render to (it was edited, or written by another version of synth).");
    }
    checked.add("datacard.html is exactly what datacard.json and approvals.jsonl render to");
  }

  private void decision(List<ApprovalEntry> entries, DataCard card, PublicKey trusted) {
    if (entries.isEmpty()) {
      throw new Problem("no approval: no steward has decided on this bundle (synth release"
          + " approve BUNDLE --steward NAME --decision approve --reason TEXT).");
    }
    ApprovalEntry last = entries.get(entries.size() - 1);
    if (!last.approves()) {
      throw new Problem("not approved: the latest decision (entry " + last.seq() + ", "
          + last.steward() + ", " + last.time() + ") is a rejection: " + last.reason());
    }
    if (card.policy().failed() && (last.override() == null || last.override().isBlank())) {
      throw new Problem("policy failed without override: entry " + last.seq() + " approves,"
          + " but the policy '" + card.policy().name() + "' failed and the entry records no"
          + " override.");
    }
    if (trusted != null) {
      String want = SigningKeys.keyId(trusted);
      if (!last.signed()) {
        throw new Problem("unsigned approval: entry " + last.seq() + " is not signed, and"
            + " --trust-key requires the approval to be signed with key " + want + ".");
      }
      if (!want.equals(last.keyId()) || !SigningKeys.verify(trusted, last.payload(),
          last.signature())) {
        throw new Problem("bad signature: entry " + last.seq() + " is signed with key "
            + last.keyId() + ", not with the trusted key " + want + ".");
      }
      checked.add("the approval (entry " + last.seq() + ") is signed with the trusted key " + want);
    } else if (last.signed()) {
      notes.add("entry " + last.seq() + " is signed with key " + last.keyId() + "; pass"
          + " --trust-key FILE.pub to check that this is the steward's key");
    } else {
      notes.add("entry " + last.seq() + " is unsigned: the chain shows any change to earlier"
          + " entries, but only a signature (approve --sign-key) protects the latest one");
    }
    checked.add("latest decision: approved by " + last.steward() + " on " + last.time()
        + (last.override() != null ? " (override of the failed policy: " + last.override() + ")"
            : ""));
    checked.add(switch (card.policy().verdict()) {
      case "passed" -> "release policy '" + card.policy().name() + "' passed";
      case "failed" -> "release policy '" + card.policy().name() + "' failed; overridden";
      default -> "no release policy was applied";
    });
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The first problem found; caught in {@link #verify}. */
  private static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message, null, false, false);
    }
  }
}
