package dev.traced.propagation;

import io.opencensus.trace.Tracing;
import io.opencensus.trace.propagation.TextFormat;
import java.util.List;

/**
 * A header format that carries a span context between processes, as named in the {@value
 * PropagationSetting#NAME} setting.
 *
 * <pre>{@code
 * -Dtraced.propagation=tracecontext,cloudtrace   // read W3C first; inject both
 * }</pre>
 *
 * <p>The W3C and B3 formats are OpenCensus' own ({@code Tracing.getPropagationComponent()}): real
 * once {@code opencensus-impl} is on the class path (the bootstrap brings it), no-ops with the API
 * alone. {@code X-Cloud-Trace-Context} is written here ({@code opencensus-contrib-http-util} has
 * it, but would bring Guava into every traced library).
 */
public enum PropagationFormat {
  /** W3C Trace Context: {@code traceparent} and {@code tracestate}; the default. */
  TRACECONTEXT("tracecontext", "traceparent") {
    @Override
    public TextFormat textFormat() {
      return Tracing.getPropagationComponent().getTraceContextFormat();
    }
  },
  /** Google's {@code X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=1}. */
  CLOUDTRACE("cloudtrace", CloudTraceContextFormat.HEADER) {
    @Override
    public TextFormat textFormat() {
      return CloudTraceContextFormat.INSTANCE;
    }
  },
  /** Zipkin's B3, multi header: {@code X-B3-TraceId}, {@code X-B3-SpanId}, {@code X-B3-Sampled}. */
  B3("b3", "X-B3-TraceId") {
    @Override
    public TextFormat textFormat() {
      return Tracing.getPropagationComponent().getB3Format();
    }
  };

  private final String settingName;
  private final String mainHeader;

  PropagationFormat(String settingName, String mainHeader) {
    this.settingName = settingName;
    this.mainHeader = mainHeader;
  }

  /** OpenCensus' reader and writer of this format. */
  public abstract TextFormat textFormat();

  /** The name of this format in the {@value PropagationSetting#NAME} setting. */
  public String settingName() {
    return settingName;
  }

  /** The header whose presence means that a request carries this format. */
  public String mainHeader() {
    return mainHeader;
  }

  /**
   * The formats the {@value PropagationSetting#NAME} setting selects, in extraction order; read
   * once per JVM. A bad value is reported in one log line and the default ({@link #TRACECONTEXT})
   * is used.
   */
  public static List<PropagationFormat> configured() {
    return PropagationSetting.CONFIGURED;
  }
}
