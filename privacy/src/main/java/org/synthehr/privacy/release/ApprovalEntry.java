package org.synthehr.privacy.release;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import org.synthehr.core.io.Json;

/**
 * One steward's decision on a release bundle: one line of {@code approvals.jsonl}. The entry names
 * the manifest it decided on and the sha256 of the line before it (for the first entry, the
 * manifest's sha256), so no earlier decision can be edited, removed or reordered unseen. A signed
 * entry carries its public key and an Ed25519 signature of the entry without the signature.
 *
 * @param seq 1 for the first entry, then consecutive
 * @param time when the decision was recorded (ISO-8601, UTC)
 * @param steward who decided
 * @param decision {@code approve} or {@code reject}
 * @param reason why, in the steward's words
 * @param policy the release policy's name, or null when the bundle has none
 * @param policyVerdict {@code passed}, {@code failed} or {@code none}
 * @param override why the steward approved although the policy failed, or null
 * @param manifestSha256 sha256 of the manifest.json decided on
 * @param previousSha256 sha256 of the previous line (the manifest's sha256 for the first entry)
 * @param keyId the signing key's id, or null when unsigned
 * @param publicKey the signing key's public half (base64 X.509), or null when unsigned
 * @param signature base64 Ed25519 signature of {@link #payload()}, or null when unsigned
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"seq", "time", "steward", "decision", "reason", "policy", "policy_verdict",
    "override", "manifest_sha256", "previous_sha256", "key_id", "public_key", "signature"})
public record ApprovalEntry(int seq, String time, String steward, String decision, String reason,
    String policy, String policyVerdict, String override, String manifestSha256,
    String previousSha256, String keyId, String publicKey, String signature) {
  /** The decision that releases a bundle. */
  public static final String APPROVE = "approve";
  /** The decision that refuses it. */
  public static final String REJECT = "reject";

  private static final ObjectWriter LINE = Json.mapper().writer()
      .without(SerializationFeature.INDENT_OUTPUT);

  /** Whether the entry carries a signature. */
  @JsonIgnore
  public boolean signed() {
    return signature != null;
  }

  /** Whether the entry approves. */
  @JsonIgnore
  public boolean approves() {
    return APPROVE.equals(decision);
  }

  /** The same entry signed: key id, public key and signature filled in. */
  public ApprovalEntry signedWith(SigningKeys.Signer signer) {
    ApprovalEntry keyed = new ApprovalEntry(seq, time, steward, decision, reason, policy,
        policyVerdict, override, manifestSha256, previousSha256,
        SigningKeys.keyId(signer.publicKey()), SigningKeys.encode(signer.publicKey()), null);
    return new ApprovalEntry(seq, time, steward, decision, reason, policy, policyVerdict, override,
        manifestSha256, previousSha256, keyed.keyId, keyed.publicKey,
        signer.sign(keyed.payload()));
  }

  /** What the signature covers: the entry as one JSON line without its signature, UTF-8. */
  public byte[] payload() {
    ApprovalEntry unsigned = new ApprovalEntry(seq, time, steward, decision, reason, policy,
        policyVerdict, override, manifestSha256, previousSha256, keyId, publicKey, null);
    return unsigned.line().getBytes(StandardCharsets.UTF_8);
  }

  /** The entry as one JSON line (no line break). */
  public String line() {
    try {
      return LINE.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an approval entry", e);
    }
  }
}
