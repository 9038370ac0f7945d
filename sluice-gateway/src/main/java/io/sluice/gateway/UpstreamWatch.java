package io.sluice.gateway;

import io.netty.channel.EventLoop;
import io.sluice.engine.CreditsInfo;
import io.sluice.engine.KeyInfo;
import io.sluice.engine.TrafficEngine;
import io.sluice.gateway.models.ModelCatalog;
import io.sluice.gateway.upstream.FetchJson;
import io.sluice.gateway.upstream.UpstreamClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway learns from the upstream at start and every {@code catalog-ttl}: the model list
 * (context lengths, prices, parameters: through the catalog, which also serves it to clients) and
 * the key's reading (free tier or not, the free-model requests left today, a spend limit used up).
 *
 * <p>While paid traffic is stopped after an out-of-credits answer, each reading also asks {@code
 * /credits} for the account's balance: only a balance above zero restores paid traffic at once.
 * OpenRouter answers it to management keys only; for any other key the engine lets one paid
 * request through per {@code creditsRecheck} as a probe instead, and its success restores paid
 * traffic.
 */
final class UpstreamWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UpstreamWatch.class);

  private final TrafficEngine engine;
  private final UpstreamClient upstream;
  private final ModelCatalog catalog;
  private final EventLoop loop;
  private final Duration every;
  private final Timers timers;
  private final InstantSource clock;
  private final boolean learnsDailyCap;
  private boolean toldCreditsUnreadable;
  private volatile boolean closed;
  private Timers.Cancellable next;

  private UpstreamWatch(TrafficEngine engine, UpstreamClient upstream, ModelCatalog catalog, EventLoop loop,
      Duration every, Timers timers, InstantSource clock, boolean learnsDailyCap) {
    this.engine = engine;
    this.learnsDailyCap = learnsDailyCap;
    this.upstream = upstream;
    this.catalog = catalog;
    this.loop = loop;
    this.every = every;
    this.timers = timers;
    this.clock = clock;
  }

  /**
   * @param learnsDailyCap whether the free-model daily cap is taken from the key's reading; when
   *     it is configured, only the requests left today are
   */
  static UpstreamWatch start(TrafficEngine engine, UpstreamClient upstream, ModelCatalog catalog, EventLoop loop,
      Duration every, Timers timers, InstantSource clock, boolean learnsDailyCap) {
    UpstreamWatch watch = new UpstreamWatch(engine, upstream, catalog, loop, every, timers, clock, learnsDailyCap);
    loop.execute(watch::read);
    return watch;
  }

  private void read() {
    if (closed) {
      return;
    }
    catalog.refresh(loop);
    Instant readAt = clock.instant();
    FetchJson.get(upstream, loop, "/key").whenComplete((body, failure) -> {
      if (failure != null) {
        log.warn("could not read the upstream key: {}", failure.getMessage());
        return;
      }
      try {
        KeyInfo key = KeyInfo.parse(body);
        engine.learnKey(learnsDailyCap ? key : key.withoutDailyCap(), readAt);
      } catch (RuntimeException e) {
        log.warn("could not understand the upstream key's reading: {}", e.getMessage());
      }
    });
    if (engine.outOfCreditsSince().isPresent()) {
      readCredits();
    }
    next = timers.schedule(loop, every, this::read);
  }

  private void readCredits() {
    Instant readAt = clock.instant();
    FetchJson.get(upstream, loop, "/credits").whenComplete((body, failure) -> {
      if (failure != null) {
        if (!toldCreditsUnreadable) {
          toldCreditsUnreadable = true;
          log.info("paid traffic is stopped and the upstream's credits cannot be read ({}): one paid request "
              + "will probe for credit at intervals", failure.getMessage());
        }
        return;
      }
      try {
        if (engine.learnCredits(CreditsInfo.parse(body), readAt)) {
          log.info("the upstream's credits show a balance again: paid traffic flows");
        }
      } catch (RuntimeException e) {
        log.warn("could not understand the upstream's credits reading: {}", e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    loop.execute(() -> {
      if (next != null) {
        next.cancel();
      }
    });
  }
}
