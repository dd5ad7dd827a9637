package org.synthehr.generator.model;

import java.util.Map;

/**
 * {@code manifest.json} of a saved model: format version, kind, the tool version that wrote it, and
 * the sha256 of every file, so a damaged or edited model is refused with a clear message.
 *
 * @param formatVersion layout version of the directory
 * @param kind model kind
 * @param toolVersion toolkit version that wrote it
 * @param createdAt when it was written (UTC)
 * @param files sha256 of each file by name
 */
public record ModelManifest(int formatVersion, String kind, String toolVersion, String createdAt,
    Map<String, String> files) {

  public ModelManifest {
    files = Map.copyOf(files);
  }
}
