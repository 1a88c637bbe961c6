package dev.traced.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** traced.propagation: format names in extraction order; a bad value is one line, then default. */
class PropagationSettingTest {

  private final List<String> warnings = new ArrayList<>();

  @Test
  void withoutTheSettingOnlyW3cTraceContextIsUsed() {
    assertThat(PropagationSetting.parse("system property traced.propagation", null, warnings::add))
        .containsExactly(PropagationFormat.TRACECONTEXT);
    assertThat(warnings).isEmpty();
  }

  @Test
  void namesAreReadInOrderIgnoringCaseSpacesAndRepeats() {
    assertThat(PropagationSetting.parse("s", " B3, cloudtrace ,b3,TraceContext", warnings::add))
        .containsExactly(
            PropagationFormat.B3, PropagationFormat.CLOUDTRACE, PropagationFormat.TRACECONTEXT);
    assertThat(warnings).isEmpty();
  }

  @Test
  void anUnknownNameIsOneLineNamingTheSettingAndTheFix() {
    assertThat(
            PropagationSetting.parse(
                "environment variable TRACED_PROPAGATION", "tracecontext,zipkin", warnings::add))
        .containsExactly(PropagationFormat.TRACECONTEXT);
    assertThat(warnings)
        .containsExactly(
            "[traced.propagation] environment variable TRACED_PROPAGATION=\"tracecontext,zipkin\""
                + " names no format \"zipkin\": list tracecontext, cloudtrace or b3,"
                + " comma-separated, in extraction order (all are injected); using tracecontext.");
  }

  @Test
  void anEmptyEntryIsABadValue() {
    assertThat(PropagationSetting.parse("s", "b3,", warnings::add))
        .containsExactly(PropagationFormat.TRACECONTEXT);
    assertThat(warnings).hasSize(1);
  }

  @Test
  void theTestJvmsSettingSelectsAllThreeFormats() {
    assertThat(PropagationFormat.configured())
        .containsExactly(
            PropagationFormat.TRACECONTEXT, PropagationFormat.CLOUDTRACE, PropagationFormat.B3);
  }
}
