package org.synthehr.privacy.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.core.provenance.Provenance;

/**
 * Ed25519 keys for signing approvals, with the JDK's own provider (no third-party crypto). A key
 * pair lives in two PEM files: {@code NAME} (the private key, PKCS#8, readable by its owner only)
 * and {@code NAME.pub} (the public key, X.509), which is what a verifier is given.
 */
public final class SigningKeys {
  private static final String ALGORITHM = "Ed25519";

  private SigningKeys() {}

  /**
   * A steward's signing key: the private half and the public half that goes into each signed entry.
   *
   * @param privateKey signs
   * @param publicKey verifies; embedded in the entry
   */
  public record Signer(PrivateKey privateKey, PublicKey publicKey) {
    /** The base64 signature of these bytes. */
    public String sign(byte[] payload) {
      try {
        Signature s = Signature.getInstance(ALGORITHM);
        s.initSign(privateKey);
        s.update(payload);
        return Base64.getEncoder().encodeToString(s.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 signing failed", e);
      }
    }
  }

  /** Makes a key pair: {@code privateFile} and {@code privateFile.pub}; returns the key id. */
  public static String generate(Path privateFile) {
    Path publicFile = publicFileOf(privateFile);
    for (Path p : new Path[] {privateFile, publicFile}) {
      if (Files.exists(p)) {
        throw new InvalidConfigException(p + " already exists; a signing key is never overwritten."
            + " Fix: choose another name, or delete the old key if it is really no longer used.");
      }
    }
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      Path parent = privateFile.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      if (Files.getFileStore(parent).supportsFileAttributeView("posix")) {
        Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } else {
        // Without POSIX permissions (Windows, some mounted filesystems): owner-only as far as
        // java.io can say it, before any key byte is written.
        java.io.File file = Files.createFile(privateFile).toFile();
        boolean ownerOnly = file.setReadable(false, false) && file.setReadable(true, true)
            && file.setWritable(false, false) && file.setWritable(true, true);
        if (!ownerOnly) {
          Files.deleteIfExists(privateFile);
          throw new InvalidConfigException("cannot make " + privateFile + " readable by its"
              + " owner only on this filesystem. Fix: keep signing keys on a local disk.");
        }
      }
      Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      return keyId(pair.getPublic());
    } catch (FileAlreadyExistsException e) {
      throw new InvalidConfigException(privateFile + " already exists; a signing key is never"
          + " overwritten.");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the key to " + privateFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make Ed25519 keys (Java 15 or later can)", e);
    }
  }

  /** The public file that belongs to a private key file. */
  public static Path publicFileOf(Path privateFile) {
    return privateFile.resolveSibling(privateFile.getFileName() + ".pub");
  }

  /**
   * Loads a private key and the public key beside it, and checks that they are one pair (a
   * signature made with the private key verifies with the public one).
   */
  public static Signer signer(Path privateFile) {
    Path publicFile = publicFileOf(privateFile);
    if (!Files.isRegularFile(publicFile)) {
      throw new InvalidConfigException("--sign-key " + privateFile + ": its public key "
          + publicFile + " is missing; signed entries carry the public key so anyone can check"
          + " them. Fix: keep the two files that 'synth release keygen' wrote side by side.");
    }
    PrivateKey priv;
    try {
      priv = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(
          unpem(privateFile, "PRIVATE KEY")));
    } catch (GeneralSecurityException e) {
      throw new InvalidConfigException(privateFile + " is not an Ed25519 private key. Fix: make"
          + " one with 'synth release keygen --out " + privateFile + "'.");
    }
    Signer signer = new Signer(priv, publicKey(publicFile));
    byte[] probe = "synthehr key pair check".getBytes(StandardCharsets.UTF_8);
    if (!verify(signer.publicKey(), probe, signer.sign(probe))) {
      throw new InvalidConfigException(publicFile + " is not the public half of " + privateFile
          + ". Fix: keep the two files that 'synth release keygen' wrote together.");
    }
    return signer;
  }

  /** Loads a public key file (PEM, X.509). */
  public static PublicKey publicKey(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException("public key " + file + " does not exist. Fix: give the"
          + " .pub file that 'synth release keygen' wrote.");
    }
    try {
      return decodePublic(unpem(file, "PUBLIC KEY"));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidConfigException(file + " is not an Ed25519 public key (PEM). Fix: give the"
          + " .pub file that 'synth release keygen' wrote.");
    }
  }

  /** A public key from its base64 X.509 encoding, as embedded in an entry. */
  public static PublicKey decodePublic(String base64) throws GeneralSecurityException {
    return decodePublic(Base64.getDecoder().decode(base64));
  }

  private static PublicKey decodePublic(byte[] x509) throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
  }

  /** The base64 X.509 encoding of a public key. */
  public static String encode(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** A short, stable name for a public key: the first 16 hex digits of its sha256. */
  public static String keyId(PublicKey key) {
    return Provenance.sha256(encode(key)).substring(0, 16);
  }

  /** Whether a base64 signature of these bytes verifies with the key. */
  public static boolean verify(PublicKey key, byte[] payload, String signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(payload);
      return s.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] unpem(Path file, String type) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read " + file + ": " + e.getMessage());
    }
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new InvalidConfigException(file + " holds no '" + begin + "' block. Fix: give a file"
          + " that 'synth release keygen' wrote (" + (type.startsWith("PRIVATE") ? "the private"
          + " key, without .pub" : "the .pub file") + ").");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    } catch (IllegalArgumentException bad) {
      throw new InvalidConfigException(file + ": the key block is not valid base64.");
    }
  }
}
