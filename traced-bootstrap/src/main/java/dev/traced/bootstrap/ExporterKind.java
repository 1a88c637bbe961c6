package dev.traced.bootstrap;

import java.util.Locale;

/** Where finished spans go; {@code traced.exporter} takes one or more, comma-separated. */
public enum ExporterKind {
  /** Google Cloud Trace through OpenCensus' Stackdriver exporter. */
  STACKDRIVER,
  /** A Zipkin server, through its v2 JSON API ({@code traced.zipkin.endpoint}). */
  ZIPKIN,
  /** Each finished trace printed to stderr as an indented tree. */
  CONSOLE,
  /** OpenCensus zPages on 127.0.0.1: {@code /tracez} lists recent spans. */
  ZPAGES,
  /** OpenCensus' logging exporter: one java.util.logging INFO line per span. */
  LOGGING,
  /** Nothing is exported (spans are still created, so context propagates). */
  NONE;

  /** The setting's spelling of this exporter. */
  public String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
