/**
 * What the bootstrap and the test kit share about OpenCensus' export pipeline: delivering every
 * ended span to the handlers synchronously ({@link dev.traced.export.ExportPipeline}) and
 * rendering ended spans as trees ({@link dev.traced.export.SpanTreeFormat}).
 */
package dev.traced.export;
