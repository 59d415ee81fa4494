package dev.voicebot.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.ByteString;
import tools.jackson.databind.JsonNode;

/**
 * A bot's WebSocket server on loopback (OkHttp MockWebServer): records what the simulator sends, with arrival times,
 * and sends bot frames on request.
 */
public final class FakeBot implements AutoCloseable {

    /** A frame from the simulator, with its arrival time from {@link System#nanoTime()}. */
    public record Frame(long atNanos, String text, JsonNode json) {
        public String event() {
            return json.path("event").asString();
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile WebSocket socket;
    private volatile int closeCode = -1;

    private FakeBot(boolean accept, int refusalStatus) throws IOException {
        if (accept) {
            server.enqueue(new MockResponse().withWebSocketUpgrade(new ServerSide()));
        } else {
            // Exotel retries a failed handshake once, so refuse twice
            server.enqueue(new MockResponse().setResponseCode(refusalStatus));
            server.enqueue(new MockResponse().setResponseCode(refusalStatus));
        }
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** A server that accepts one WebSocket. */
    public static FakeBot accepting() throws IOException {
        return new FakeBot(true, 0);
    }

    /** A server that answers upgrade requests with {@code status}. */
    public static FakeBot refusing(int status) throws IOException {
        return new FakeBot(false, status);
    }

    public String url(String pathAndQuery) {
        return "ws://127.0.0.1:" + server.getPort() + pathAndQuery;
    }

    public int port() {
        return server.getPort();
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    public RecordedRequest takeRequest() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    public void awaitOpen() throws InterruptedException {
        if (!opened.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("the simulator never opened the socket");
        }
    }

    /** The next frame, whatever it is. */
    public Frame next(Duration timeout) throws InterruptedException {
        Frame frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the simulator within " + timeout);
        }
        return frame;
    }

    /** The next frame matching {@code filter}, skipping others. */
    public Frame next(Predicate<Frame> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            Frame frame = frames.poll(Math.max(0, remaining), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no matching frame from the simulator within " + timeout);
            }
            if (filter.test(frame)) {
                return frame;
            }
        }
    }

    public Frame nextEvent(String event, Duration timeout) throws InterruptedException {
        return next(f -> f.event().equals(event), timeout);
    }

    /** Returns the next matching frame if one arrives within {@code timeout}, else null. */
    public Frame poll(Predicate<Frame> filter, Duration timeout) throws InterruptedException {
        try {
            return next(filter, timeout);
        } catch (AssertionError e) {
            return null;
        }
    }

    public void sendMedia(byte[] pcm) {
        sendText("{\"event\":\"media\",\"stream_sid\":\"s\",\"media\":{\"payload\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\"}}");
    }

    /** Sends {@code pcm} as consecutive media frames of {@code chunkBytes}. */
    public void sendMediaChunks(byte[] pcm, int chunkBytes) {
        for (int offset = 0; offset < pcm.length; offset += chunkBytes) {
            byte[] chunk = Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + chunkBytes));
            sendMedia(chunk);
        }
    }

    public void sendMark(String name) {
        sendText("{\"event\":\"mark\",\"stream_sid\":\"s\",\"mark\":{\"name\":\"" + name + "\"}}");
    }

    public void sendClear() {
        sendText("{\"event\":\"clear\",\"stream_sid\":\"s\"}");
    }

    public void sendText(String text) {
        socket.send(text);
    }

    public void sendBinary(byte[] bytes) {
        socket.send(ByteString.of(bytes));
    }

    public void closeSocket(int code, String reason) {
        socket.close(code, reason);
    }

    /** The close code the simulator sent, once it has. */
    public int awaitCloseCode() throws InterruptedException {
        if (!closing.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("the simulator never closed the socket");
        }
        return closeCode;
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }

    private final class ServerSide extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
            opened.countDown();
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            frames.add(new Frame(System.nanoTime(), text, ExotelWire.JSON.readTree(text)));
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closeCode = code;
            webSocket.close(1000, null);
            closing.countDown();
        }
    }
}
