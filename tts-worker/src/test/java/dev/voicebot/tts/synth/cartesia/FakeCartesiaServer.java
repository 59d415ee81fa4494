package dev.voicebot.tts.synth.cartesia;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.event.EventCodec;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local server speaking Cartesia's TTS WebSocket protocol as documented: generation requests on
 * contexts answered with base64 {@code chunk} messages of raw pcm_s16le at the requested rate,
 * {@code flush_done} after a manual flush, {@code done} after a request with {@code continue:
 * false}, {@code error} messages, and {@code cancel}. Each transcript is spoken as {@code
 * chunksPerTranscript} chunks of 20 ms, one every {@code chunkDelayMillis}.
 *
 * <p>Scripted failures: a handshake without the expected key gets HTTP 401; a transcript containing
 * {@code [error]} gets an error message after two chunks; {@code [close]} closes the socket after
 * two chunks.
 */
public final class FakeCartesiaServer implements AutoCloseable {

    public static final String KEY = "test-cartesia-key";
    static final int CHUNK_MILLIS = 20;

    private final MockWebServer server = new MockWebServer();
    private final JsonMapper json = EventCodec.mapper();
    private final ScheduledExecutorService speaker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-cartesia");
        thread.setDaemon(true);
        return thread;
    });
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> handshakes = new CopyOnWriteArrayList<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> contextSchedule = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> flushIds = new ConcurrentHashMap<>();
    private final int chunksPerTranscript;
    private final int chunkDelayMillis;

    public FakeCartesiaServer(int chunksPerTranscript, int chunkDelayMillis) throws IOException {
        this.chunksPerTranscript = chunksPerTranscript;
        this.chunkDelayMillis = chunkDelayMillis;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                handshakes.add(request);
                if (!KEY.equals(request.getHeader("X-API-Key"))) {
                    return new MockResponse()
                            .setResponseCode(401)
                            .setHeader("Content-Type", "application/json")
                            .setBody("{\"error\":\"Invalid API key\"}");
                }
                return new MockResponse().withWebSocketUpgrade(new Protocol());
            }
        });
        server.start();
    }

    public String url() {
        return "ws://" + server.getHostName() + ":" + server.getPort() + "/tts/websocket";
    }

    public CartesiaSettings settings(String key) {
        return new CartesiaSettings(
                url(),
                key,
                "2024-11-13",
                "sonic-2",
                "voice-1",
                "en",
                java.time.Duration.ofMillis(700),
                java.time.Duration.ofSeconds(2));
    }

    /** Every client message, in arrival order. */
    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    public List<RecordedRequest> handshakes() {
        return List.copyOf(handshakes);
    }

    @Override
    public void close() throws IOException {
        speaker.shutdownNow();
        server.shutdown();
    }

    private final class Protocol extends WebSocketListener {

        @Override
        public void onMessage(WebSocket socket, String text) {
            JsonNode message = json.readTree(text);
            received.add(message);
            String context = message.path("context_id").asString();
            if (message.path("cancel").asBoolean(false)) {
                cancelled.add(context);
                return;
            }
            int rate = message.path("output_format").path("sample_rate").asInt();
            String transcript = message.path("transcript").asString("");
            boolean continues = message.path("continue").asBoolean(false);
            boolean flush = message.path("flush").asBoolean(false);
            int flushId =
                    flushIds.computeIfAbsent(context, c -> new AtomicInteger(1)).get();
            if (transcript.contains("[silent]")) {
                return; // the socket stays open and answers pings, but this context never gets audio
            }
            if (!transcript.isEmpty()) {
                byte[] pcm = Pcm16.tone(rate, 300, CHUNK_MILLIS, 0.2);
                for (int i = 1; i <= chunksPerTranscript; i++) {
                    int index = i;
                    after(context, () -> {
                        send(socket, chunk(context, pcm, flushId));
                        if (index == 2 && transcript.contains("[error]")) {
                            send(socket, error(context));
                            cancelled.add(context);
                        } else if (index == 2 && transcript.contains("[close]")) {
                            socket.close(1011, "internal error");
                            cancelled.add(context);
                        }
                    });
                }
            }
            if (flush) {
                flushIds.get(context).incrementAndGet();
                after(
                        context,
                        () -> send(socket, status(context, "flush_done", false).put("flush_id", flushId)));
            }
            if (!continues) {
                after(context, () -> send(socket, status(context, "done", true)));
            }
        }

        /** Runs {@code step} after the context's previous steps, one chunk delay later. */
        private void after(String context, Runnable step) {
            long now = System.currentTimeMillis();
            long at = contextSchedule
                    .computeIfAbsent(context, c -> new AtomicLong(now))
                    .updateAndGet(previous -> Math.max(previous, now) + chunkDelayMillis);
            speaker.schedule(
                    () -> {
                        if (!cancelled.contains(context)) {
                            step.run();
                        }
                    },
                    at - now,
                    TimeUnit.MILLISECONDS);
        }

        private void send(WebSocket socket, ObjectNode message) {
            socket.send(json.writeValueAsString(message));
        }

        private ObjectNode chunk(String context, byte[] pcm, int flushId) {
            ObjectNode chunk = status(context, "chunk", false);
            chunk.put("data", Base64.getEncoder().encodeToString(pcm));
            chunk.put("step_time", 12);
            chunk.put("flush_id", flushId);
            return chunk;
        }

        private ObjectNode error(String context) {
            ObjectNode error = status(context, "error", true);
            error.put("status_code", 500);
            error.put("title", "Internal error");
            error.put("message", "The model failed while generating.");
            error.put("error_code", "internal_error");
            return error;
        }

        private ObjectNode status(String context, String type, boolean done) {
            ObjectNode message = json.createObjectNode();
            message.put("type", type);
            message.put("done", done);
            message.put("status_code", 206);
            message.put("context_id", context);
            return message;
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            socket.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket socket, Throwable failure, Response response) {
            // the client went away; nothing to clean up
        }
    }
}
