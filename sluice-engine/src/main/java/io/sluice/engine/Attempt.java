package io.sluice.engine;

import io.sluice.engine.outcome.Classifier;
import io.sluice.engine.outcome.GatewayFailure;
import io.sluice.engine.outcome.Outcome;
import io.sluice.upstream.openrouter.ResponseHeaders;
import io.sluice.upstream.openrouter.ResponseObserver;
import io.sluice.upstream.openrouter.ResponseSummary;
import io.sluice.upstream.openrouter.UpstreamError;
import io.sluice.upstream.openrouter.UpstreamErrors;
import java.time.Instant;
import java.util.Objects;

/**
 * What one attempt came to, as the caller saw it, for {@link RequestPlan#report}. Each form names
 * the model it was sent to (the {@link Step.Send}'s) and whether the response had started
 * reaching the caller's own client: once it has, nothing may replace it.
 */
public sealed interface Attempt {

  /** The model the attempt was sent to. */
  String model();

  /** Whether the response had started reaching the client, so that no retry or fallback may replace it. */
  boolean started();

  /** The attempt's cause and evidence, classified at {@code now}. */
  Outcome classify(Instant now);

  /**
   * A whole, non-streamed response: a 2xx body is read for an error inside it and for the provider;
   * any other status is read as OpenRouter's error body. The simplest form for a plain HTTP client.
   */
  static Attempt of(String model, int status, ResponseHeaders headers, byte[] body) {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    if (status >= 200 && status <= 299) {
      ResponseObserver observer = new ResponseObserver();
      observer.observeBody(body);
      return new Response(model, status, headers, observer.summary(), false);
    }
    return new Error(model, UpstreamErrors.fromErrorResponse(status, headers, body), false);
  }

  /**
   * A response read through a {@link ResponseObserver} (streamed or not).
   *
   * @param summary what the observer learned; null when the body was not read
   */
  record Response(String model, int status, ResponseHeaders headers, ResponseSummary summary, boolean started)
      implements Attempt {
    public Response {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(headers, "headers");
    }

    @Override
    public Outcome classify(Instant now) {
      return summary == null ? Classifier.classify(status, headers, now) : Classifier.classify(status, headers, summary, now);
    }
  }

  /** An error the upstream reported, in whichever form it came ({@link UpstreamErrors}). */
  record Error(String model, UpstreamError error, boolean started) implements Attempt {
    public Error {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(error, "error");
    }

    @Override
    public Outcome classify(Instant now) {
      return Classifier.classify(error, now);
    }
  }

  /**
   * A failure the caller detected itself: no connection, a timeout, a reset.
   *
   * @param started whether the upstream's response had started (and perhaps reached the client)
   */
  record Failure(String model, GatewayFailure failure, boolean started) implements Attempt {
    public Failure {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(failure, "failure");
    }

    @Override
    public Outcome classify(Instant now) {
      return Classifier.classify(failure, started, now);
    }
  }

  /** An outcome the caller classified itself with {@link Classifier}. */
  record Classified(String model, Outcome outcome, boolean started) implements Attempt {
    public Classified {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public Outcome classify(Instant now) {
      return outcome;
    }
  }
}
