package io.pulsechat.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;

/**
 * The load tool's own WebSocket clients: Netty channels on one small event loop group. A connection costs a few
 * KB here (the JDK's HttpClient WebSocket costs far more, see docs/performance.md), so one process holds the
 * 19,000 of the largest ladder step. Like a browser, each client offers {@code permessage-deflate} (unless
 * told not to) and sends the contract's heartbeat ({@code req_type} 8) after 55 s without sending, so the
 * server's 90 s silence timeout never closes an idle connection.
 */
final class WsPool implements AutoCloseable {

    /** Receives every text frame (whole, decompressed) on an event loop thread; must be quick. */
    interface Listener {
        void text(Conn conn, ByteBuf payload, long nanos);
    }

    /** A handshake the server answered with another status than 101. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status) {
            super("handshake refused with HTTP " + status);
            this.status = status;
        }
    }

    static final long HEARTBEAT_AFTER_NANOS = TimeUnit.SECONDS.toNanos(55);

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final boolean deflate;
    private final Listener listener;
    private final Set<Conn> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-heartbeat");
        t.setDaemon(true);
        return t;
    });
    /** Close codes the servers sent, counted (1013 = too slow, 4000 = heartbeat timeout, ...). */
    final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();

    WsPool(int threads, boolean deflate, Listener listener) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20_000)
                .option(ChannelOption.TCP_NODELAY, true);
        this.deflate = deflate;
        this.listener = listener;
        heartbeats.scheduleAtFixedRate(this::heartbeat, 5, 5, TimeUnit.SECONDS);
    }

    int openCount() {
        return open.size();
    }

    /**
     * Opens one connection offering the subprotocols {@code superchat, chat} (as the browser client does).
     * {@code receiveBuffer} > 0 sets a small socket receive buffer (for clients that will stop reading).
     */
    CompletableFuture<Conn> connect(URI uri, int receiveBuffer) {
        CompletableFuture<Conn> result = new CompletableFuture<>();
        var headers = new DefaultHttpHeaders();
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13,
                "superchat,chat", true, headers, 1 << 20, true, false, 10_000, false, false);
        Bootstrap b = bootstrap.clone();
        if (receiveBuffer > 0) {
            b.option(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
        b.handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                var p = ch.pipeline();
                p.addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024));
                if (deflate) {
                    p.addLast(new WebSocketClientCompressionHandler(1 << 20));
                }
                p.addLast(new WebSocketFrameAggregator(1 << 20), new Handler(handshaker, result));
            }
        });
        b.connect(uri.getHost(), uri.getPort()).addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    /** What {@link #connectAll} measured: handshake times (connect to 101) and the overall rate. */
    record ConnectStats(int opened, int failed, double seconds, Histogram handshakeMicros, Map<String, Integer> failures) {

        double perSecond() {
            return opened / seconds;
        }
    }

    /** Opens {@code n} connections with at most {@code concurrency} handshakes in flight at once; returns them in order. */
    List<Conn> connectAll(int n, int concurrency, IntFunction<URI> uris, int receiveBuffer, List<ConnectStats> statsOut)
            throws InterruptedException {
        return connectAll(n, concurrency, uris, receiveBuffer, statsOut, Integer.MAX_VALUE);
    }

    /**
     * As above, but stops starting new connections once {@code maxFailures} failed: a server at its connection
     * limit lets handshakes hang until they time out, which at thousands of connections would take hours.
     */
    List<Conn> connectAll(int n, int concurrency, IntFunction<URI> uris, int receiveBuffer, List<ConnectStats> statsOut,
                          int maxFailures) throws InterruptedException {
        var conns = new java.util.concurrent.atomic.AtomicReferenceArray<Conn>(n);
        var latency = new ConcurrentHistogram(1, TimeUnit.MINUTES.toMicros(10), 3);
        var failures = new ConcurrentHashMap<String, Integer>();
        var inFlight = new Semaphore(concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            if (failures.values().stream().mapToInt(Integer::intValue).sum() >= maxFailures) {
                inFlight.release();
                break;
            }
            long t0 = System.nanoTime();
            int index = i;
            connect(uris.apply(i), receiveBuffer).whenComplete((conn, failure) -> {
                if (failure == null) {
                    latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                    conns.set(index, conn);
                } else {
                    String why = failure instanceof Refused r ? "HTTP " + r.status
                            : failure instanceof java.util.concurrent.TimeoutException ? "no answer in 20 s" : failure.getClass().getSimpleName();
                    failures.merge(why, 1, Integer::sum);
                }
                inFlight.release(); // after recording: the caller reads the results once every permit is back
            });
        }
        inFlight.acquire(concurrency);
        inFlight.release(concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        List<Conn> opened = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (conns.get(i) != null) {
                opened.add(conns.get(i));
            }
        }
        statsOut.add(new ConnectStats(opened.size(), failed, seconds, latency, Map.copyOf(failures)));
        return opened;
    }

    /** Closes the connections and waits (at most {@code maxSeconds}) until their sockets are closed. */
    void closeAll(Collection<Conn> conns, int maxSeconds) throws InterruptedException {
        conns.forEach(Conn::close);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        while (conns.stream().anyMatch(Conn::isOpen) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        conns.stream().filter(Conn::isOpen).forEach(c -> c.channel.close());
    }

    private void heartbeat() {
        long now = System.nanoTime();
        for (Conn c : open) {
            if (now - c.lastSentNanos > HEARTBEAT_AFTER_NANOS && c.isOpen()) {
                c.send(Wire.heartbeat(System.currentTimeMillis()));
            }
        }
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        open.forEach(c -> c.channel.close());
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The handshake, then frames: text to the listener, pings answered, close codes counted. */
    private final class Handler extends SimpleChannelInboundHandler<Object> {

        private final WebSocketClientHandshaker handshaker;
        private final CompletableFuture<Conn> result;
        private Conn conn;

        Handler(WebSocketClientHandshaker handshaker, CompletableFuture<Conn> result) {
            this.handshaker = handshaker;
            this.result = result;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel()).addListener(f -> {
                if (!f.isSuccess()) {
                    result.completeExceptionally(f.cause());
                    ctx.close();
                }
            });
            ctx.executor().schedule(() -> {
                if (result.completeExceptionally(new java.util.concurrent.TimeoutException("no handshake answer in 20 s"))) {
                    ctx.close();
                }
            }, 20, TimeUnit.SECONDS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            Channel ch = ctx.channel();
            if (!handshaker.isHandshakeComplete()) {
                FullHttpResponse response = (FullHttpResponse) msg;
                try {
                    handshaker.finishHandshake(ch, response);
                } catch (WebSocketHandshakeException e) {
                    result.completeExceptionally(new Refused(response.status().code()));
                    ctx.close();
                    return;
                }
                conn = new Conn(ch);
                open.add(conn);
                if (!result.complete(conn)) {
                    ctx.close(); // timed out meanwhile
                }
                return;
            }
            if (msg instanceof TextWebSocketFrame text) {
                listener.text(conn, text.content(), System.nanoTime());
            } else if (msg instanceof PingWebSocketFrame ping) {
                ch.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                conn.closeCode = close.statusCode();
                if (!conn.closeSent) {
                    // a close the server started: count its code and answer; the server then closes the TCP connection
                    closeCodes.computeIfAbsent(close.statusCode(), k -> new LongAdder()).increment();
                    conn.closeSent = true;
                    ch.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), ""));
                }
                ch.eventLoop().schedule(() -> ch.close(), 5, TimeUnit.SECONDS);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (conn != null) {
                open.remove(conn);
                conn.joined.completeExceptionally(new IllegalStateException("closed"));
            }
            result.completeExceptionally(new IllegalStateException("connection closed during the handshake"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }
}
