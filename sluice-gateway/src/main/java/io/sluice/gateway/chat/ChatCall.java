package io.sluice.gateway.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.engine.Attempt;
import io.sluice.engine.RequestPlan;
import io.sluice.engine.Step;
import io.sluice.engine.Verdict;
import io.sluice.engine.admission.Offer;
import io.sluice.engine.admission.Priority;
import io.sluice.gateway.Timers;
import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.auth.PriorityClass;
import io.sluice.gateway.server.ApiError;
import io.sluice.gateway.server.Exchange;
import io.sluice.gateway.server.Headers;
import io.sluice.gateway.upstream.AttemptFailure;
import io.sluice.gateway.upstream.UpstreamClient;
import io.sluice.gateway.upstream.UpstreamRequest;
import io.sluice.upstream.openrouter.ResponseObserver;
import io.sluice.upstream.openrouter.ResponseSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One client request and the upstream attempts made for it, driven by the traffic engine's
 * {@link RequestPlan}: the plan says send (which model), wait (until when) or refuse (why); each
 * attempt is relayed by its own {@link ChatRelay}; the plan hears how each attempt ended and, for
 * a failure before anything reached the client, says whether the client sees it or another
 * attempt follows. Waits run on the gateway's timers; the client's body is kept until the request
 * is over. Runs on the client connection's event loop.
 */
final class ChatCall implements WaitingLines.Turn {

  private static final ResponseSummary NOTHING_YET = new ResponseObserver().summary();

  private final Exchange exchange;
  private final ChatContext context;
  private final ChatRequest request;
  private final ByteBuf clientBody;
  private final Collaborators with;
  private final Consumer<ChatCompletion> onOver;
  private final RequestPlan plan;
  private int attempts;
  private long queuedNanos;
  private String firstModel;
  private String lastModel;
  private boolean reported = true;
  private boolean over;
  private Step.Wait waitingFor;

  /** What every call uses, shared by all requests. */
  record Collaborators(UpstreamClient upstream, InstantSource clock, Timers timers, WaitingLines lines) {}

  /**
   * @param plan the engine's plan for the request, or null to send it once as it is (a body
   *     without {@code model}, which OpenRouter routes by its {@code models} list or the account default)
   */
  ChatCall(Exchange exchange, ChatContext context, ChatRequest request, RequestPlan plan, ByteBuf clientBody,
      Collaborators with, Consumer<ChatCompletion> onOver) {
    this.exchange = exchange;
    this.context = context;
    this.request = request;
    this.plan = plan;
    this.clientBody = clientBody;
    this.with = with;
    this.onOver = onOver;
  }

  void start() {
    step();
  }

  /** The model of the first attempt, once one was sent. */
  Optional<String> firstModel() {
    return Optional.ofNullable(firstModel);
  }

  /** Time the request waited for admission, over all its attempts. */
  long queuedMillis() {
    return queuedNanos / 1_000_000;
  }

  // From the relays

  /** True when the client gets {@code failed}; false when another attempt is on its way. */
  boolean relay(AttemptResult failed) {
    if (report(failed, false) instanceof Verdict.Retry retry) {
      waitThen(Duration.between(with.clock().instant(), retry.at()), this::step, failed.status(), failed.summary());
      return false;
    }
    return true;
  }

  /** An attempt is over: the engine learns how, if it has not yet. */
  void attemptEnded(AttemptResult result) {
    if (!reported) {
      report(result, exchange.isCommitted());
    }
  }

  /** The request is over: the client has its answer, or left. */
  void finished(ChatCompletion.Ending ending, int status, ResponseSummary summary, AttemptFailure failure) {
    if (over) {
      return;
    }
    over = true;
    if (plan != null) {
      plan.cancel(); // gives back what a step took, if an attempt was about to go
      if (lastModel != null) {
        with.lines().freed(Step.Wait.modelLine(lastModel)); // the client may have left mid-attempt
      }
    }
    clientBody.release();
    onOver.accept(new ChatCompletion(context, ending, status, summary, failure, attempts,
        with.timers().nanoTime() - context.startNanos()));
  }

  // Steps

  private void step() {
    if (exchange.isFinished()) { // the client left between two attempts
      finished(ChatCompletion.Ending.CLIENT_LEFT, 0, NOTHING_YET, null);
      return;
    }
    if (plan == null) {
      send(request.model().orElse(""), request.body());
      return;
    }
    take(plan.next(with.clock().instant()));
  }

  private void take(Step step) {
    switch (step) {
      case Step.Send send -> send(send.model(), request.attemptBody(send.model(), send.avoidProviders()));
      case Step.Wait wait when wait.line() != null -> waitInLine(wait);
      case Step.Wait wait -> {
        long since = with.timers().nanoTime();
        waitThen(Duration.between(with.clock().instant(), wait.until()), () -> {
          queuedNanos += with.timers().nanoTime() - since;
          step();
        }, 0, NOTHING_YET);
      }
      case Step.Refuse refuse -> refuse(refuse);
    }
  }

  /** Waits for a shared capacity behind the requests that were there first, or of a higher class. */
  private void waitInLine(Step.Wait wait) {
    waitingFor = wait;
    ClientKey key = context.key();
    Priority priority = key.priority() == PriorityClass.BATCH ? Priority.BATCH : Priority.INTERACTIVE;
    switch (with.lines().join(wait, this, key.tenant(), priority, plan.deadline(), exchange.eventLoop())) {
      case Offer.Queued queued -> exchange.onClientGone(() -> {
        if (queued.waiter().cancel()) {
          finished(ChatCompletion.Ending.CLIENT_LEFT, 0, NOTHING_YET, null);
        } // else its turn has come and admitted() will find the client gone
      });
      case Offer.Refused refused -> refuse(new Step.Refuse(wait.reason(), refused.retryAfter(), refused.message()));
    }
  }

  // Its turn in a line (WaitingLines calls these from the thread that asks the line)

  @Override
  public Step next(Instant now) {
    return plan.next(now);
  }

  @Override
  public void admitted(Step step, Duration queuedFor) {
    exchange.eventLoop().execute(() -> {
      queuedNanos += queuedFor.toNanos();
      if (exchange.isFinished()) {
        finished(ChatCompletion.Ending.CLIENT_LEFT, 0, NOTHING_YET, null); // gives back what the step took
        return;
      }
      take(step);
    });
  }

  @Override
  public void timedOut(Duration queuedFor, Duration retryAfter) {
    exchange.eventLoop().execute(() -> {
      queuedNanos += queuedFor.toNanos();
      String cause = waitingFor.line().equals(Step.Wait.FREE_MODELS) ? "the account's free-model window"
          : "a free slot on " + waitingFor.line().substring("model:".length());
      refuse(new Step.Refuse(waitingFor.reason(), retryAfter.isZero() ? null : retryAfter, "The request waited "
          + queuedFor.toMillis() + " ms in line for " + cause + ", as long as it may (pacing.max-wait, or its deadline)."));
    });
  }

  private Verdict report(AttemptResult result, boolean started) {
    reported = true;
    if (plan == null) {
      return null;
    }
    Attempt attempt = result.toAttempt(started);
    Verdict verdict = plan.report(attempt, with.clock().instant());
    with.lines().freed(Step.Wait.modelLine(attempt.model())); // one of its calls in flight is over
    return verdict;
  }

  /** Sends {@code body} for {@code model}: the client's own buffer when it is the client's own bytes. */
  private void send(String model, byte[] body) {
    attempts++;
    reported = false;
    if (firstModel == null) {
      firstModel = model;
    }
    lastModel = model;
    ChatRelay relay = new ChatRelay(this, exchange, context, model, attempts, with.clock());
    ByteBuf content = body == request.body() ? clientBody.retainedDuplicate() : Unpooled.wrappedBuffer(body);
    relay.attach(with.upstream().send(exchange.eventLoop(),
        UpstreamRequest.post("/chat/completions", content, request.stream()), relay));
  }

  /** Runs {@code next} after {@code delay} (at once when none), unless the client leaves first. */
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

  /** Sluice answers in the upstream's place: the limit, breaker or deadline that holds the request back. */
  private void refuse(Step.Refuse refuse) {
    HttpResponseStatus status = switch (refuse.reason()) {
      case OUT_OF_CREDITS -> HttpResponseStatus.PAYMENT_REQUIRED;
      // DEADLINE: what holds the request back (a breaker, a limit) lasts past its deadline.
      case BREAKER_OPEN, NO_CANDIDATE, DEADLINE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
      default -> HttpResponseStatus.TOO_MANY_REQUESTS;
    };
    String type = status == HttpResponseStatus.TOO_MANY_REQUESTS ? "rate_limit_exceeded"
        : refuse.reason().name().toLowerCase(java.util.Locale.ROOT);
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (refuse.retryAfterSeconds() > 0) {
      headers.put("Retry-After", Long.toString(refuse.retryAfterSeconds()));
    }
    if (queuedNanos > 0) {
      headers.put(Headers.QUEUED_MS, Long.toString(queuedMillis()));
    }
    exchange.fail(new ApiError(status, type,
        refuse.message() + " Sluice answered instead of sending a request the upstream would refuse.", headers));
    finished(ChatCompletion.Ending.REFUSED, 0, NOTHING_YET, null);
  }
}
