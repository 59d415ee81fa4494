package dev.voicebot.stt.recognizer.deepgram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.ByteString;

/**
 * A local WebSocket server on loopback that speaks Deepgram's live API as documented: it takes
 * linear16 audio and the {@code KeepAlive}, {@code Finalize} and {@code CloseStream} messages, and
 * answers with {@code SpeechStarted}, interim and final {@code Results} and {@code Metadata}. What
 * it "recognizes" is the configured transcript. It can refuse the upgrade with an HTTP status, close
 * the stream in the middle of a call, or send messages that cannot be parsed.
 */
final class FakeDeepgramServer implements AutoCloseable {

    /** One accepted WebSocket. */
    static final class Connection {
        final RecordedRequest request;
        final List<String> texts = new CopyOnWriteArrayList<>();
        volatile long audioBytes;
        volatile WebSocket socket;
        private long audioSinceFinal;
        private long finalizedBytes;
        private boolean speechStarted;

        Connection(RecordedRequest request) {
            this.request = request;
        }

        long count(String type) {
            return texts.stream()
                    .filter(text -> text.contains("\"" + type + "\""))
                    .count();
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger upgradesToRefuse = new AtomicInteger();
    private final int sampleRate;
    private volatile int refusalStatus = 401;
    private volatile String transcript = "book an appointment";
    private volatile long closeFirstConnectionAfterBytes = -1;
    private volatile boolean malformedBeforeResults;

    FakeDeepgramServer(int sampleRate) {
        this.sampleRate = sampleRate;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (upgradesToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return new MockResponse().setResponseCode(refusalStatus).setBody("{\"err_code\":\"refused\"}");
                }
                Connection connection = new Connection(request);
                connections.add(connection);
                return new MockResponse().withWebSocketUpgrade(new ServerSide(connection));
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "ws://" + server.getHostName() + ":" + server.getPort() + "/v1/listen";
    }

    FakeDeepgramServer transcript(String text) {
        this.transcript = text;
        return this;
    }

    /** The next {@code count} connection attempts get this HTTP status instead of a WebSocket. */
    FakeDeepgramServer refuse(int count, int status) {
        this.refusalStatus = status;
        upgradesToRefuse.set(count);
        return this;
    }

    /** The first connection is closed by the server (1011, as Deepgram does on internal errors) after this much audio. */
    FakeDeepgramServer closeFirstConnectionAfter(long bytes) {
        this.closeFirstConnectionAfterBytes = bytes;
        return this;
    }

    /** Results are preceded by a message that is not JSON and one that lacks its fields. */
    FakeDeepgramServer malformedBeforeResults() {
        this.malformedBeforeResults = true;
        return this;
    }

    List<Connection> connections() {
        return connections;
    }

    int requests() {
        return server.getRequestCount();
    }

    /** Sends a message on every open connection, for scripted result sequences. */
    void sendToAll(String json) {
        connections.forEach(connection -> connection.socket.send(json));
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class ServerSide extends WebSocketListener {

        private final Connection connection;

        ServerSide(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            connection.socket = webSocket;
        }

        @Override
        public synchronized void onMessage(WebSocket webSocket, ByteString bytes) {
            connection.audioBytes += bytes.size();
            connection.audioSinceFinal += bytes.size();
            if (!connection.speechStarted) {
                connection.speechStarted = true;
                webSocket.send("{\"type\":\"SpeechStarted\",\"channel\":[0],\"timestamp\":0.02}");
            }
            long closeAfter = closeFirstConnectionAfterBytes;
            if (closeAfter >= 0 && connections.indexOf(connection) == 0 && connection.audioBytes >= closeAfter) {
                webSocket.close(1011, "NET-0000: internal error");
            }
        }

        @Override
        public synchronized void onMessage(WebSocket webSocket, String text) {
            connection.texts.add(text);
            String type = text.replaceAll(".*\"type\"\\s*:\\s*\"([A-Za-z]+)\".*", "$1");
            switch (type) {
                case "Finalize" -> sendFinal(webSocket, true);
                case "CloseStream" -> {
                    if (connection.audioSinceFinal > 0) {
                        sendFinal(webSocket, false);
                    }
                    webSocket.send("{\"type\":\"Metadata\",\"transaction_key\":\"deprecated\",\"request_id\":"
                            + "\"8c8ebea9-dbec-45fa-a035-e4632cb05b5f\",\"created\":\"2026-11-21T10:00:00.000Z\","
                            + "\"duration\":" + seconds(connection.audioBytes) + ",\"channels\":1}");
                    webSocket.close(1000, null);
                }
                default -> {}
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }

        private void sendFinal(WebSocket webSocket, boolean fromFinalize) {
            if (malformedBeforeResults) {
                webSocket.send("{not json");
                webSocket.send("{\"type\":\"Results\",\"is_final\":true}");
            }
            boolean heard = connection.audioSinceFinal > 0;
            double start = seconds(connection.finalizedBytes);
            double duration = seconds(connection.audioSinceFinal);
            connection.finalizedBytes += connection.audioSinceFinal;
            connection.audioSinceFinal = 0;
            webSocket.send(results(heard ? transcript : "", start, duration, true, false, fromFinalize));
        }

        private double seconds(long bytes) {
            return bytes / 2.0 / sampleRate;
        }
    }

    static String results(
            String transcript,
            double start,
            double duration,
            boolean isFinal,
            boolean speechFinal,
            boolean fromFinalize) {
        return String.format(
                Locale.ROOT,
                "{\"type\":\"Results\",\"channel_index\":[0,1],\"duration\":%.3f,\"start\":%.3f,\"is_final\":%b,"
                        + "\"speech_final\":%b,\"from_finalize\":%b,\"channel\":{\"alternatives\":[{\"transcript\":"
                        + "\"%s\",\"confidence\":0.93,\"words\":[]}]},\"metadata\":{\"request_id\":\"r1\"}}",
                duration,
                start,
                isFinal,
                speechFinal,
                fromFinalize,
                transcript);
    }
}
