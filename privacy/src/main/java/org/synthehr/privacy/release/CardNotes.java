package org.synthehr.privacy.release;

import java.nio.file.Path;
import java.util.List;
import org.synthehr.core.config.ConfigLoader;

/**
 * What the steward adds to a data card ({@code synth release prepare --notes FILE}, YAML, unknown
 * keys rejected). Lists given here replace the defaults; limitations are added to the measured ones.
 *
 * @param title the release's name, or null for a generated one
 * @param intendedUses uses the release is meant for, or null for the defaults
 * @param prohibitedUses uses it must not be put to, or null for the defaults
 * @param limitations further known limitations, or null
 * @param contact whom to ask, or null
 */
public record CardNotes(String title, List<String> intendedUses, List<String> prohibitedUses,
    List<String> limitations, String contact) {
  /** No notes: every default. */
  public static final CardNotes NONE = new CardNotes(null, null, null, null, null);

  /** Loads a notes file. */
  public static CardNotes load(Path file) {
    return ConfigLoader.load(file, CardNotes.class, List.of());
  }
}
