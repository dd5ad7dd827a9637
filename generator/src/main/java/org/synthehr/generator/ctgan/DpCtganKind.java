package org.synthehr.generator.ctgan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.synthehr.core.error.InvalidConfigException;
import org.synthehr.generator.FittedSynthesizer;
import org.synthehr.generator.Synthesizer;
import org.synthehr.generator.deep.DjlOffline;
import org.synthehr.generator.dp.DpAccounting;
import org.synthehr.generator.model.ModelConfig;
import org.synthehr.generator.model.ModelDirectory;
import org.synthehr.generator.model.ModelKind;
import org.synthehr.generator.model.OptionsBinder;

/**
 * Registry entry of differentially private CTGAN ({@code model.kind: dp-ctgan}): CTGAN's options
 * plus a {@code dp:} section; the critic learns by DP-SGD with one training row as the privacy unit,
 * so {@code pac} is 1 and training-by-sampling picks categories by their counts
 * ({@code log_frequency: false}), which are the defaults of this kind.
 */
public final class DpCtganKind implements ModelKind {
  /** The kind's id. */
  public static final String ID = "dp-ctgan";
  /** CTGAN's defaults with the two settings DP needs. */
  static final CtganOptions DEFAULTS = new CtganOptions(CtganOptions.DEFAULTS.embeddingDim(),
      CtganOptions.DEFAULTS.generatorDims(), CtganOptions.DEFAULTS.discriminatorDims(),
      CtganOptions.DEFAULTS.generatorLr(), CtganOptions.DEFAULTS.generatorDecay(),
      CtganOptions.DEFAULTS.discriminatorLr(), CtganOptions.DEFAULTS.discriminatorDecay(),
      CtganOptions.DEFAULTS.discriminatorSteps(), 1, CtganOptions.DEFAULTS.gradientPenalty(),
      CtganOptions.DEFAULTS.gumbelTau(), false, CtganOptions.DEFAULTS.maxModes(),
      CtganOptions.DEFAULTS.modeWeightThreshold(), CtganOptions.DEFAULTS.candidatesPerRow());

  public DpCtganKind() {
    DjlOffline.setDefaults();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "DP-CTGAN: CTGAN whose critic learns by DP-SGD, with an (epsilon, delta) guarantee per"
        + " training row (model.options.dp)";
  }

  @Override
  public Synthesizer create(ModelConfig config) {
    JsonNode user = config.options();
    if (user != null && !user.isNull() && !user.isObject()) {
      throw new InvalidConfigException("model.options must be a section of keys, got '" + user
          + "'.");
    }
    DpOptions dp = DpOptions.parse(user == null ? null : user.get("dp"));
    return new CtganSynthesizer(config, options(user), dp);
  }

  /** CTGAN's options without the dp section, checked against what DP needs. */
  static CtganOptions options(JsonNode user) {
    JsonNode rest = user;
    if (user != null && user.isObject()) {
      ObjectNode copy = ((ObjectNode) user).deepCopy();
      copy.remove("dp");
      rest = copy;
    }
    CtganOptions options = OptionsBinder.bind(rest, DEFAULTS, CtganOptions.class);
    if (options.pac() != 1) {
      throw new InvalidConfigException("model.options.pac must be 1 for dp-ctgan (got "
          + options.pac() + "): the guarantee is per training row, so each real row must reach"
          + " the critic on its own for its gradient to be clipped alone. Remove the pac key.");
    }
    if (options.logFrequency()) {
      throw new InvalidConfigException("model.options.log_frequency must be false for dp-ctgan:"
          + " a real row's conditional vector comes from the row itself, so the generated side"
          + " must draw categories by their counts to match it. Remove the log_frequency key.");
    }
    return options;
  }

  @Override
  public FittedSynthesizer load(ModelDirectory.Reader dir) {
    ModelConfig config = dir.json("config.json", ModelConfig.class);
    return FittedCtgan.load(dir, options(config.options()),
        dir.json(FittedCtgan.DP, DpAccounting.class));
  }
}
