package dev.traced.bootstrap;

import io.opencensus.trace.Sampler;
import io.opencensus.trace.samplers.Samplers;

/**
 * The {@code traced.sampler} setting: {@code always}, {@code never}, or a probability from 0.0 to
 * 1.0.
 *
 * @param probability the share of new traces that are sampled, 0.0 to 1.0
 */
public record SamplerSetting(double probability) {

  /** Samples every trace; the default (OpenCensus' own default of 1e-4 drops nearly all). */
  public static final SamplerSetting ALWAYS = new SamplerSetting(1.0);

  /** Samples no new trace. */
  public static final SamplerSetting NEVER = new SamplerSetting(0.0);

  static final String ALLOWED =
      "is not a sampler: use always, never, or a probability from 0.0 to 1.0 such as 0.25";

  /** Checks the probability. */
  public SamplerSetting {
    if (!(probability >= 0.0 && probability <= 1.0)) {
      throw new SettingsException("[traced.sampler] " + probability + " " + ALLOWED);
    }
  }

  static SamplerSetting parse(SettingSource.Raw raw) {
    switch (raw.value().toLowerCase(java.util.Locale.ROOT)) {
      case "always":
        return ALWAYS;
      case "never":
        return NEVER;
      default:
        try {
          double probability = Double.parseDouble(raw.value());
          if (probability >= 0.0 && probability <= 1.0) {
            return new SamplerSetting(probability);
          }
        } catch (NumberFormatException notANumber) {
          // falls through to the one error message below
        }
        throw raw.invalid(ALLOWED);
    }
  }

  /** The OpenCensus sampler. */
  Sampler toSampler() {
    if (probability >= 1.0) {
      return Samplers.alwaysSample();
    }
    if (probability <= 0.0) {
      return Samplers.neverSample();
    }
    return Samplers.probabilitySampler(probability);
  }

  @Override
  public String toString() {
    return probability >= 1.0 ? "always" : probability <= 0.0 ? "never" : Double.toString(probability);
  }
}
