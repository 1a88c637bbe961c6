package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The aspect library's own settings fail the start in one line, as every other setting does,
 * instead of a warning on the first request.
 */
class LibrarySwitchesTest {

  private static TracedSettings read(Map<String, String> properties, Map<String, String> env) {
    return TracedSettings.from(new SettingSource(properties::get, env::get));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tracecontext", "b3", "cloudtrace", " B3 , cloudtrace,b3,TraceContext"})
  void everyFormatTheLibraryKnowsStartsInAnyCaseAndOrder(String value) {
    assertThat(read(Map.of("traced.propagation", value), Map.of()))
        .isEqualTo(read(Map.of(), Map.of()));
  }

  @Test
  void anUnknownFormatIsOneLineNamingTheSettingTheEntryAndTheFormats() {
    assertThatThrownBy(() -> read(Map.of("traced.propagation", "tracecontext,zipkin"), Map.of()))
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.propagation] system property traced.propagation=\"tracecontext,zipkin\""
                + " names no format \"zipkin\": list tracecontext, cloudtrace, b3,"
                + " comma-separated, in extraction order (all are injected)");
  }

  @Test
  void anEmptyEntryIsNoFormatEitherAndTheEnvironmentIsNamed() {
    assertThatThrownBy(() -> read(Map.of(), Map.of("TRACED_PROPAGATION", "b3,")))
        .hasMessage(
            "[traced.propagation] environment variable TRACED_PROPAGATION=\"b3,\" names no"
                + " format \"\": list tracecontext, cloudtrace, b3, comma-separated, in"
                + " extraction order (all are injected)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false", "FALSE", "True"})
  void contextCarryingTakesTrueOrFalseInAnyCase(String value) {
    assertThat(read(Map.of("traced.context.propagation", value), Map.of()))
        .isEqualTo(read(Map.of(), Map.of()));
  }

  @Test
  void contextCarryingRejectsAnythingElseNamingTheFix() {
    assertThatThrownBy(
            () -> read(Map.of(), Map.of("TRACED_CONTEXT_PROPAGATION", "off")))
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.context.propagation] environment variable TRACED_CONTEXT_PROPAGATION=\"off\""
                + " is not true or false: set it to false to switch context carrying off, or"
                + " remove it");
  }

  @Test
  void theFormatsAreCheckedBeforeTheContextSwitch() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of("traced.propagation", "w3c", "traced.context.propagation", "off"),
                    Map.of()))
        .hasMessageStartingWith("[traced.propagation]");
  }
}
