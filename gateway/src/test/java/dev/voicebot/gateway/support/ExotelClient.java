package dev.voicebot.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays Exotel's side of a Voicebot socket with the JDK's WebSocket client: sends the documented
 * JSON events and records what the gateway sends back, with arrival times.
 */
public final class ExotelClient implements AutoCloseable {

    /** A message from the gateway and when it arrived ({@link System#nanoTime()}). */
    public record Received(JsonNode json, String text, long atNanos) {

        public String event() {
            return json.path("event").asString("");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeReason = "";
    private final WebSocket socket;
    private long sequence;

    private ExotelClient(URI uri, Map<String, String> headers, HttpClient http) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Opens a socket; a refused handshake throws a {@link CompletionException}. */
    public static ExotelClient connect(URI uri) {
        return new ExotelClient(uri, Map.of(), HTTP);
    }

    public static ExotelClient connect(URI uri, Map<String, String> headers) {
        return new ExotelClient(uri, headers, HTTP);
    }

    /** Opens a socket on a given client, e.g. one shared by many simulated calls. */
    public static ExotelClient connect(URI uri, HttpClient http) {
        return new ExotelClient(uri, Map.of(), http);
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
    }

    public void connected() {
        sendText("{\"event\":\"connected\"}");
    }

    /** A snake_case {@code start} as exotel.md §1.3 documents it. */
    public void start(String callSid, String streamSid, Map<String, String> customParameters, int sampleRate) {
        var root = JSON.createObjectNode();
        root.put("event", "start");
        root.put("sequence_number", ++sequence);
        root.put("stream_sid", streamSid);
        var start = root.putObject("start");
        start.put("stream_sid", streamSid);
        start.put("call_sid", callSid);
        start.put("account_sid", "acct-test");
        start.put("from", "+919876543210");
        start.put("to", "+918044556677");
        var custom = start.putObject("custom_parameters");
        customParameters.forEach(custom::put);
        var format = start.putObject("media_format");
        format.put("encoding", "raw");
        format.put("sample_rate", Integer.toString(sampleRate));
        format.put("bit_rate", "128");
        sendText(root.toString());
    }

    public void media(String streamSid, byte[] pcm, long chunk) {
        sendText("{\"event\":\"media\",\"sequence_number\":" + ++sequence + ",\"stream_sid\":\"" + streamSid
                + "\",\"media\":{\"chunk\":" + chunk + ",\"timestamp\":\"" + chunk * 100 + "\",\"payload\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\"}}");
    }

    public void dtmf(String streamSid, String digit) {
        sendText("{\"event\":\"dtmf\",\"sequence_number\":" + ++sequence + ",\"stream_sid\":\"" + streamSid
                + "\",\"dtmf\":{\"digit\":\"" + digit + "\",\"duration\":\"100\"}}");
    }

    /** Echoes a mark, as Exotel does once the audio before it has played. */
    public void mark(String streamSid, String name) {
        sendText("{\"event\":\"mark\",\"sequence_number\":" + ++sequence + ",\"stream_sid\":\"" + streamSid
                + "\",\"mark\":{\"name\":\"" + name + "\"}}");
    }

    public void stop(String streamSid, String callSid, String reason) {
        sendText("{\"event\":\"stop\",\"sequence_number\":" + ++sequence + ",\"stream_sid\":\"" + streamSid
                + "\",\"stop\":{\"call_sid\":\"" + callSid + "\",\"account_sid\":\"acct-test\",\"reason\":\"" + reason
                + "\"}}");
    }

    /** The next message from the gateway, or {@code null} after {@code timeout}. */
    public Received next(Duration timeout) {
        try {
            return inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next message of this event type, skipping others; {@code null} after {@code timeout}. */
    public Received next(String event, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Received received = next(Duration.ofNanos(deadline - System.nanoTime()));
            if (received != null && received.event().equals(event)) {
                return received;
            }
        }
        return null;
    }

    /** The close code the gateway sent, waiting up to {@code timeout}. */
    public int awaitClose(Duration timeout) {
        return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The reason the gateway gave with its close frame; empty until then, or when it gave none. */
    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Drops the connection without a close handshake, like a network failure. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test over").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                inbox.add(new Received(JSON.readTree(text), text, System.nanoTime()));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(1006);
        }
    }
}
