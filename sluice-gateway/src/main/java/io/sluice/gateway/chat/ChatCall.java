package io.sluice.gateway.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.pacing.Admission;
import io.sluice.engine.pacing.Permit;
import io.sluice.gateway.Timers;
import io.sluice.gateway.server.ApiError;
import io.sluice.gateway.server.Exchange;
import io.sluice.gateway.upstream.AttemptFailure;
import io.sluice.gateway.upstream.UpstreamClient;
import io.sluice.gateway.upstream.UpstreamRequest;
import io.sluice.upstream.openrouter.ResponseObserver;
import io.sluice.upstream.openrouter.ResponseSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One client request and the upstream attempts made for it. Before each attempt the request is
 * admitted by the pacing (free models wait for their window, or are refused at once when the wait
 * would be too long); each attempt is relayed by its own {@link ChatRelay}; a failure before
 * anything reached the client goes to the {@link AttemptPolicy}, which either lets the client see
 * it or has this call try again. The client's body is kept until the request is over, for the
 * attempts that resend it. Runs on the client connection's event loop.
 */
final class ChatCall {

  private static final ResponseSummary NOTHING_YET = new ResponseObserver().summary();

  private final Exchange exchange;
  private final ChatContext context;
  private final ChatRequest request;
  private final ByteBuf clientBody;
  private final Collaborators with;
  private final Consumer<ChatCompletion> onOver;
  private final CallPolicy policy;
  private int attempts;
  private long queuedNanos;
  private ChatRequest lastSent;
  private String firstModel;
  private Permit permit;
  private boolean resultRecorded;
  private boolean over;

  /** What every call uses, shared by all requests. */
  record Collaborators(UpstreamClient upstream, Pacing pacing, Resilience resilience, InstantSource clock,
      Timers timers) {}

  /**
   * @param candidates the models that may serve the request, most preferred first: a route's, or
   *     the one the client named
   */
  ChatCall(Exchange exchange, ChatContext context, ChatRequest request, List<String> candidates, ByteBuf clientBody,
      Collaborators with, Consumer<ChatCompletion> onOver) {
    this.exchange = exchange;
    this.context = context;
    this.request = request;
    this.clientBody = clientBody;
    this.with = with;
    this.onOver = onOver;
    this.policy = with.resilience().forCall(candidates, with.clock().instant());
  }

  /** Sends the first attempt, for the model the request names (after alias resolution). */
  void start() {
    admitThenSend(modelled(policy.first(with.clock().instant())));
  }

  /** The model of the first attempt, once one was sent. */
  Optional<String> firstModel() {
    return Optional.ofNullable(firstModel);
  }

  long queuedMillis() {
    return queuedNanos / 1_000_000;
  }

  // From the relays

  /** True when the client gets {@code failed}; false when another attempt is on its way. */
  boolean relay(AttemptResult failed) {
    return switch (policy.afterFailure(failed, attempts)) {
      case AttemptPolicy.Relay relay -> true;
      case AttemptPolicy.TryAgain again -> {
        ChatRequest next = again.model().equals(failed.model()) ? lastSent : modelled(again.model());
        waitThen(again.after(), () -> admitThenSend(next), failed.status(), failed.summary());
        yield false;
      }
    };
  }

  /** An attempt is over: what the pacing learns from it. Called once or twice per attempt; the first counts. */
  void attemptEnded(AttemptResult result) {
    if (resultRecorded) {
      return;
    }
    resultRecorded = true;
    Instant now = with.clock().instant();
    Outcome outcome = result.outcome(now);
    if (permit != null) {
      permit.complete(outcome, now);
      permit = null;
    }
    with.resilience().record(result.model(), outcome, now);
  }

  /** The request is over: the client has its answer, or left. */
  void finished(ChatCompletion.Ending ending, int status, ResponseSummary summary, AttemptFailure failure) {
    if (over) {
      return;
    }
    over = true;
    clientBody.release();
    onOver.accept(new ChatCompletion(context, ending, status, summary, failure, attempts,
        with.timers().nanoTime() - context.startNanos()));
  }

  // Attempts

  private void admitThenSend(ChatRequest toSend) {
    if (exchange.isFinished()) { // the client left between two attempts
      finished(ChatCompletion.Ending.CLIENT_LEFT, 0, NOTHING_YET, null);
      return;
    }
    String model = toSend.model().orElse("");
    Instant now = with.clock().instant();
    switch (with.pacing().admit(model, now)) {
      case Pacing.Go go -> send(toSend, go.permit());
      case Pacing.Wait wait -> {
        Duration needed = Duration.between(now, wait.until().instant());
        if (Duration.ofNanos(queuedNanos).plus(needed).compareTo(with.pacing().maxWait()) <= 0) {
          long queuedSince = with.timers().nanoTime();
          waitThen(needed, () -> {
            queuedNanos += with.timers().nanoTime() - queuedSince;
            admitThenSend(toSend);
          }, 0, NOTHING_YET);
        } else {
          policy.alternativeTo(model, now).ifPresentOrElse(
              other -> admitThenSend(modelled(other)), () -> refuse(wait.until(), now));
        }
      }
    }
  }

  private void send(ChatRequest toSend, Permit admitted) {
    attempts++;
    lastSent = toSend;
    permit = admitted;
    resultRecorded = false;
    policy.sending(toSend.model().orElse(""));
    if (firstModel == null) {
      firstModel = toSend.model().orElse("");
    }
    ChatRelay relay = new ChatRelay(this, exchange, context, toSend.model().orElse(""), attempts, with.clock());
    ByteBuf body = toSend == request ? clientBody.retainedDuplicate() : Unpooled.wrappedBuffer(toSend.body());
    relay.attach(with.upstream().send(exchange.eventLoop(),
        UpstreamRequest.post("/chat/completions", body, toSend.stream()), relay));
  }

  /** The request for {@code model}: the client's own bytes when it is the model they carry. */
  private ChatRequest modelled(String model) {
    boolean same = model.isEmpty() || request.model().filter(model::equals).isPresent();
    return same ? request : request.withModel(model);
  }

  /** Runs {@code next} after {@code delay}, unless the client leaves first. */
  private void waitThen(Duration delay, Runnable next, int lastStatus, ResponseSummary lastSummary) {
    if (!delay.isPositive()) {
      exchange.eventLoop().execute(next); // after the failed attempt has unwound, not inside it
      return;
    }
    Timers.Cancellable wait = with.timers().schedule(exchange.eventLoop(), delay, next);
    exchange.onClientGone(() -> {
      wait.cancel();
      finished(ChatCompletion.Ending.CLIENT_LEFT, lastStatus, lastSummary, null);
    });
  }

  /** 429 now, with the instant the limit reopens, rather than a wait longer than allowed. */
  private void refuse(Admission.WaitUntil until, Instant now) {
    exchange.fail(new ApiError(HttpResponseStatus.TOO_MANY_REQUESTS, "rate_limit_exceeded",
        until.message() + " Sluice held the request back instead of letting the upstream refuse it.",
        Map.of("Retry-After", Long.toString(until.retryAfterSeconds(now)))));
    finished(ChatCompletion.Ending.REFUSED, 0, NOTHING_YET, null);
  }
}
