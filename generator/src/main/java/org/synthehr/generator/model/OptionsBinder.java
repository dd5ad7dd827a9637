package org.synthehr.generator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.synthehr.core.config.ConfigLoader;
import org.synthehr.core.error.InvalidConfigException;

/**
 * Binds {@code model.options} to a kind's options record: the kind's defaults first, the user's keys
 * on top, unknown keys rejected with the key named.
 */
public final class OptionsBinder {
  private OptionsBinder() {}

  /** The user's options merged over {@code defaults}, as a {@code type}. */
  public static <T> T bind(JsonNode user, T defaults, Class<T> type) {
    ObjectNode tree = ConfigLoader.yamlMapper().valueToTree(defaults);
    if (user != null && !user.isNull()) {
      if (!user.isObject()) {
        throw new InvalidConfigException("model.options must be a section of keys, got '" + user
            + "'.");
      }
      ConfigLoader.merge(tree, user);
    }
    try {
      return ConfigLoader.bind(tree, type, "model.options");
    } catch (InvalidConfigException e) {
      throw new InvalidConfigException(e.getMessage().replace("key '", "key 'model.options."));
    }
  }
}
