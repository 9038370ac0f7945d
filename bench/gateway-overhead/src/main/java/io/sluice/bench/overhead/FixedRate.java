package io.sluice.bench.overhead;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: POSTs a chat completion at a fixed arrival rate, whatever the
 * answers' latency, and measures each request from the moment it was <em>due</em>, not from when a
 * connection was free to send it. A slow answer therefore never hides the requests that queue
 * behind it (no coordinated omission, unlike wrk's closed loop).
 *
 * <pre>
 * FixedRate --url http://127.0.0.1:8787/api/v1/chat/completions --key KEY --stream true \
 *     --rate 500 --duration 15 --warmup 5 [--model sim/instant] [--connections 8] [--max-connections 256]
 * </pre>
 *
 * <p>A pacer thread wakes at each due time and hands the request to one Netty event loop, which
 * sends it on an idle keep-alive connection, or opens a new one (up to {@code --max-connections};
 * beyond that the request waits, and its wait counts). Measured per request: the total latency
 * (due until the end of the response), the time to first byte (for a stream: the first SSE
 * {@code data:} line, after any comments; otherwise the response head) and the send lag (due until
 * the request was handed to the socket: the generator's own delay, reported so that it can be told
 * apart). The generator's own garbage collections during the recorded part are reported too
 * ({@code gen_gc}: count and milliseconds; run it with a young generation large enough for none),
 * and the recorded part's wall-clock bounds ({@code recorded_from}, {@code recorded_to}: epoch
 * seconds), to line it up with other logs.
 * A request counts as an error when its status is not 200, its connection breaks, or a
 * stream ends without {@code data: [DONE]}. Requests of the warm-up are sent at the same rate but
 * not recorded.
 *
 * <p>Prints one line of {@code name=value} pairs (latencies in milliseconds) on stdout. With
 * {@code --samples FILE} it also writes every recorded request there: due time since the first
 * recorded one, total, time to first byte and send lag, in milliseconds (to see when slow ones came).
 */
public final class FixedRate {

  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);
  /** Wake this long before a due time and spin the rest: parkNanos alone oversleeps by ~60 µs. */
  private static final long SPIN_NANOS = 50_000;

  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final FullHttpRequest template;
  private final boolean stream;
  private final int maxConnections;
  private final ArrayDeque<Conn> idle = new ArrayDeque<>();
  private final ArrayDeque<Due> waiting = new ArrayDeque<>();
  private final Samples total = new Samples();
  private final Samples firstByte = new Samples();
  private final Samples sendLag = new Samples();
  private final Samples dueAt = new Samples();
  private int open;
  private int opened;
  private long issued;
  private long completed;
  private long recorded;
  private long errors;
  private long connectFailures;
  private String firstError;
  private volatile long recordedFromMillis;
  private volatile long recordedToMillis;
  private volatile long gcCountAtStart;
  private volatile long gcMillisAtStart;
  private long gcCount;
  private long gcMillis;

  private record Due(long nanos, boolean record) {}

  private FixedRate(EventLoopGroup group, URI url, String key, byte[] body, boolean stream, int maxConnections) {
    this.loop = group.next();
    this.stream = stream;
    this.maxConnections = maxConnections;
    int port = url.getPort() < 0 ? 80 : url.getPort();
    template = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, url.getRawPath(),
        Unpooled.unreleasableBuffer(Unpooled.directBuffer(body.length).writeBytes(body)));
    template.headers()
        .set(HttpHeaderNames.HOST, url.getHost() + ":" + port)
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.ACCEPT, stream ? "text/event-stream" : "application/json")
        .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + key)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    bootstrap = new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
        .remoteAddress(url.getHost(), port)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new Conn());
          }
        });
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    URI url = URI.create(required(o, "url"));
    boolean stream = Boolean.parseBoolean(o.getOrDefault("stream", "false"));
    double rate = Double.parseDouble(o.getOrDefault("rate", "500"));
    double duration = Double.parseDouble(o.getOrDefault("duration", "15"));
    double warmup = Double.parseDouble(o.getOrDefault("warmup", "5"));
    int connections = Integer.parseInt(o.getOrDefault("connections", "8"));
    int maxConnections = Integer.parseInt(o.getOrDefault("max-connections", "256"));
    String model = o.getOrDefault("model", "sim/instant");
    byte[] body = ("{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the benchmark\"}]}")
        .getBytes(StandardCharsets.UTF_8);

    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      FixedRate gen = new FixedRate(group, url, required(o, "key"), body, stream, maxConnections);
      gen.loop.submit(() -> gen.preconnect(connections)).sync();
      Thread.sleep(200);
      gen.pace(rate, warmup, duration);
      boolean finished = gen.awaitOutstanding(TimeUnit.SECONDS.toNanos(15));
      gen.gcCount = gcCount() - gen.gcCountAtStart;
      gen.gcMillis = gcMillis() - gen.gcMillisAtStart;
      System.out.println(gen.loop.submit(() -> gen.report(rate, duration, finished)).get());
      if (o.containsKey("samples")) {
        gen.loop.submit(() -> gen.writeSamples(Path.of(o.get("samples")))).get();
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  /** On the pacer (calling) thread: one request per due time, for warm-up plus duration seconds. */
  private void pace(double rate, double warmup, double duration) {
    long warmupRequests = Math.round(warmup * rate);
    long allRequests = warmupRequests + Math.round(duration * rate);
    double intervalNanos = 1e9 / rate;
    long start = System.nanoTime() + 1_000_000;
    for (long i = 0; i < allRequests; i++) {
      long due = start + (long) (i * intervalNanos);
      long wait;
      while ((wait = due - System.nanoTime()) > SPIN_NANOS) {
        LockSupport.parkNanos(wait - SPIN_NANOS);
      }
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
      if (i == warmupRequests) {
        recordedFromMillis = System.currentTimeMillis();
        gcCountAtStart = gcCount();
        gcMillisAtStart = gcMillis();
      }
      Due d = new Due(due, i >= warmupRequests);
      loop.execute(() -> issue(d));
    }
    recordedToMillis = System.currentTimeMillis();
  }

  private boolean awaitOutstanding(long timeoutNanos) throws Exception {
    long deadline = System.nanoTime() + timeoutNanos;
    while (System.nanoTime() < deadline) {
      if (loop.submit(() -> completed == issued).get()) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  // On the event loop from here on.

  private void preconnect(int n) {
    for (int i = 0; i < n; i++) {
      connect();
    }
  }

  private void issue(Due due) {
    issued++;
    Conn conn;
    while ((conn = idle.pollLast()) != null && !conn.ch.isActive()) {
      // closed while idle; channelInactive already forgot it
    }
    if (conn != null) {
      conn.send(due);
      return;
    }
    waiting.add(due);
    if (open < maxConnections) {
      connect();
    }
  }

  private void connect() {
    open++;
    opened++;
    bootstrap.connect().addListener((ChannelFuture f) -> {
      if (f.isSuccess()) {
        ready(f.channel().pipeline().get(Conn.class));
      } else {
        open--;
        connectFailures++;
        if (firstError == null) {
          firstError = "connect: " + f.cause();
        }
        Due due = waiting.poll();
        if (due != null) { // counted as failed, so that the run still ends
          completed++;
          if (due.record) {
            errors++;
          }
        }
      }
    });
  }

  private void ready(Conn conn) {
    Due next = waiting.poll();
    if (next != null) {
      conn.send(next);
    } else {
      idle.addLast(conn);
    }
  }

  private void done(Due due, boolean ok, long end, long firstByteNanos, long sentNanos, String error) {
    completed++;
    if (!due.record) {
      return;
    }
    if (ok) {
      recorded++;
      total.add(end - due.nanos);
      firstByte.add(firstByteNanos - due.nanos);
      sendLag.add(sentNanos - due.nanos);
      dueAt.add(due.nanos);
    } else {
      errors++;
      if (firstError == null) {
        firstError = error;
      }
    }
  }

  private String report(double rate, double duration, boolean finished) {
    StringBuilder out = new StringBuilder();
    out.append("requests=").append(recorded)
        .append(" issued=").append(issued)
        .append(" errors=").append(errors + (finished ? 0 : issued - completed))
        .append(" target_rate=").append(fmt(rate))
        .append(" achieved_rate=").append(fmt(recorded / duration))
        .append(" connections=").append(opened)
        .append(" gen_gc=").append(gcCount).append('/').append(gcMillis).append("ms")
        .append(" recorded_from=").append(String.format(Locale.ROOT, "%.3f", recordedFromMillis / 1e3))
        .append(" recorded_to=").append(String.format(Locale.ROOT, "%.3f", recordedToMillis / 1e3));
    total.appendTo(out, "");
    firstByte.appendTo(out, "ttfb_");
    sendLag.appendTo(out, "lag_");
    if (!finished) {
      out.append(" unfinished=").append(issued - completed);
    }
    if (connectFailures > 0) {
      out.append(" connect_failures=").append(connectFailures);
    }
    if (firstError != null) {
      out.append(" first_error=\"").append(firstError.replace('"', '\'')).append('"');
    }
    return out.toString();
  }

  private Void writeSamples(Path file) throws IOException {
    long first = dueAt.size == 0 ? 0 : dueAt.values[0];
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
      out.println("due_ms total_ms ttfb_ms lag_ms");
      for (int i = 0; i < dueAt.size; i++) {
        out.printf(Locale.ROOT, "%.3f %.3f %.3f %.3f%n", (dueAt.values[i] - first) / 1e6, total.values[i] / 1e6,
            firstByte.values[i] / 1e6, sendLag.values[i] / 1e6);
      }
    }
    return null;
  }

  /** One keep-alive connection; at most one request in flight on it. */
  private final class Conn extends ChannelInboundHandlerAdapter {
    private Channel ch;
    private Due due;
    private long sent;
    private long head;
    private long firstData;
    private int status;
    private boolean keepAlive;
    private int match; // position in "data:" at the start of a line, or -1
    private final byte[] tail = new byte[DONE.length + 2];
    private int tailLength;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      ch = ctx.channel();
    }

    void send(Due next) {
      due = next;
      head = 0;
      firstData = 0;
      status = 0;
      match = 0;
      tailLength = 0;
      sent = System.nanoTime();
      ch.writeAndFlush(template.retainedDuplicate(), ch.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      long now = System.nanoTime();
      try {
        if (due == null) {
          return;
        }
        if (msg instanceof HttpResponse response) {
          head = now;
          status = response.status().code();
          keepAlive = HttpUtil.isKeepAlive(response);
        }
        if (msg instanceof HttpContent content) {
          scan(content.content(), now);
          if (msg instanceof LastHttpContent) {
            finish(now);
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void scan(ByteBuf buf, long now) {
      for (int i = buf.readerIndex(), end = buf.writerIndex(); i < end; i++) {
        byte b = buf.getByte(i);
        if (match >= 0) {
          match = b == DATA[match] ? match + 1 : -1;
          if (match == DATA.length) {
            if (firstData == 0) {
              firstData = now;
            }
            match = -1;
          }
        }
        if (b == '\n') {
          match = 0;
        }
        if (tailLength == tail.length) {
          System.arraycopy(tail, 1, tail, 0, tail.length - 1);
          tailLength--;
        }
        tail[tailLength++] = b;
      }
    }

    private void finish(long now) {
      Due finished = due;
      due = null;
      String error = null;
      if (status != 200) {
        error = "status " + status;
      } else if (stream && (firstData == 0 || !endsWithDone())) {
        error = "stream without data: [DONE] at its end";
      }
      done(finished, error == null, now, stream ? firstData : head, sent, error);
      if (!keepAlive) {
        ch.close();
      } else {
        ready(this);
      }
    }

    private boolean endsWithDone() {
      String t = new String(tail, 0, tailLength, StandardCharsets.US_ASCII).strip();
      return t.endsWith("data: [DONE]");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      open--;
      idle.remove(this);
      if (due != null) {
        Due lost = due;
        due = null;
        done(lost, false, 0, 0, 0, "connection closed before the response ended");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (firstError == null) {
        firstError = "connection error: " + cause;
      }
      ctx.close();
    }
  }

  /** Latencies in nanoseconds, kept whole (a run holds some thousands). */
  private static final class Samples {
    private long[] values = new long[16_384];
    private int size;

    void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    void appendTo(StringBuilder out, String prefix) {
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      for (String[] p : new String[][] {{"p50", "0.50"}, {"p90", "0.90"}, {"p99", "0.99"}, {"p999", "0.999"}}) {
        out.append(' ').append(prefix).append(p[0]).append('=').append(ms(percentile(sorted, Double.parseDouble(p[1]))));
      }
      out.append(' ').append(prefix).append("max=").append(ms(size == 0 ? -1 : sorted[size - 1]));
    }

    private static long percentile(long[] sorted, double p) {
      if (sorted.length == 0) {
        return -1;
      }
      int index = (int) Math.ceil(p * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long nanos) {
      return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    return o;
  }

  private static String required(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }
}
