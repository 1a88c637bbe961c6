package dev.traced.bootstrap.zipkin;

import dev.traced.bootstrap.DeliveryLedger;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Posts one encoded batch to Zipkin and records its fate in the {@link DeliveryLedger}: retried
 * (with backoff, within {@code traced.export.retry-budget}) while the failure proves the batch
 * was not stored (connection refused, a 5xx or 429 answer), lost on a refusal (other 4xx) or when
 * the budget is spent, unknown when no answer came within {@code traced.export.timeout} or the
 * connection broke after sending (it may have been stored: never re-sent, so Zipkin never holds a
 * span twice).
 */
final class ZipkinSender {

  /** Cause of an unknown outcome; arg: {@code traced.export.timeout} in ms. */
  static final String NO_ANSWER_IN_TIME = "no answer within traced.export.timeout=%dms";

  private static final long FIRST_RETRY_DELAY_MILLIS = 100;
  private static final long MAX_RETRY_DELAY_MILLIS = 1_000;
  /** Enough of an error body to name the problem on one line. */
  private static final int MAX_BODY_CHARS = 120;

  private final HttpClient client;
  private final URI endpoint;
  private final DeliveryLedger ledger;
  private final Duration exportTimeout;
  private final Duration retryBudget;

  ZipkinSender(
      HttpClient client,
      URI endpoint,
      DeliveryLedger ledger,
      Duration exportTimeout,
      Duration retryBudget) {
    this.client = client;
    this.endpoint = endpoint;
    this.ledger = ledger;
    this.exportTimeout = exportTimeout;
    this.retryBudget = retryBudget;
    ledger.attach();
  }

  /** What one attempt tells about the batch. */
  private record Outcome(Kind kind, String cause) {
    enum Kind { DELIVERED, RETRY, LOST, UNKNOWN }
  }

  void send(int spans, byte[] json) {
    DeliveryLedger.Batch batch = ledger.sending(spans);
    if (batch == null) {
      return; // closed: the close report counts these spans as not sent
    }
    long giveUpAt = System.nanoTime() + retryBudget.toNanos();
    long delay = FIRST_RETRY_DELAY_MILLIS;
    while (true) {
      Outcome outcome = attempt(json);
      switch (outcome.kind()) {
        case DELIVERED -> {
          batch.delivered();
          return;
        }
        case UNKNOWN -> {
          batch.unknown(outcome.cause());
          return;
        }
        case LOST -> {
          batch.lost(outcome.cause());
          return;
        }
        case RETRY -> {
          if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) > giveUpAt) {
            batch.lost(outcome.cause());
            return;
          }
          batch.failed(outcome.cause());
          if (!ledger.waitUnlessClosed(delay)) {
            batch.lost(outcome.cause());
            return;
          }
          batch.retrying();
          delay = Math.min(delay * 2, MAX_RETRY_DELAY_MILLIS);
        }
      }
    }
  }

  private Outcome attempt(byte[] json) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(exportTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    try {
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      int status = response.statusCode();
      if (status / 100 == 2) {
        return new Outcome(Outcome.Kind.DELIVERED, null);
      }
      String cause = "HTTP " + status + firstLine(response.body());
      // 5xx: the server could not store it now (Zipkin's storage failing, a proxy without
      // upstream); 429: rate limited. Neither stored the batch.
      boolean transientFailure = status / 100 == 5 || status == 429;
      return new Outcome(transientFailure ? Outcome.Kind.RETRY : Outcome.Kind.LOST, cause);
    } catch (HttpConnectTimeoutException | ConnectException notConnected) {
      // Nothing was sent.
      return new Outcome(Outcome.Kind.RETRY, describe(notConnected));
    } catch (HttpTimeoutException noAnswer) {
      return new Outcome(
          Outcome.Kind.UNKNOWN, String.format(NO_ANSWER_IN_TIME, exportTimeout.toMillis()));
    } catch (IOException broken) {
      // The request may have been read before the connection broke.
      return new Outcome(Outcome.Kind.UNKNOWN, describe(broken));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new Outcome(Outcome.Kind.UNKNOWN, "interrupted while waiting for Zipkin's answer");
    }
  }

  /** One line naming the failure and where (scheme, host, port and path: never user info). */
  private String describe(IOException failure) {
    String where = endpoint.getScheme() + "://" + endpoint.getHost()
        + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "") + endpoint.getRawPath();
    String detail = failure.getMessage() == null ? "" : " (" + firstLineOf(failure.getMessage()) + ")";
    if (failure instanceof HttpConnectTimeoutException) {
      return "no connection within traced.export.timeout=" + exportTimeout.toMillis() + "ms to "
          + where;
    }
    if (failure instanceof ConnectException) {
      return "cannot connect to " + where + detail;
    }
    return failure.getClass().getSimpleName() + " from " + where + detail;
  }

  private static String firstLine(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    return ": " + firstLineOf(body.strip());
  }

  private static String firstLineOf(String text) {
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline);
    line = line.replaceAll("\\p{Cntrl}", "?");
    return line.length() > MAX_BODY_CHARS ? line.substring(0, MAX_BODY_CHARS) + "…" : line;
  }
}
