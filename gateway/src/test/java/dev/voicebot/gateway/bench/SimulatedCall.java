package dev.voicebot.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exotel's side of one benchmark call: streams 100 ms media frames whose first 8 payload bytes are
 * the {@link System#nanoTime()} of sending, counts the bot audio it receives and echoes marks at once.
 */
final class SimulatedCall implements WebSocket.Listener {

    private static final Pattern MARK_NAME = Pattern.compile("\"name\":\"([^\"]*)\"");

    final String callSid;
    final String streamSid;
    final AtomicLong mediaReceived = new AtomicLong();
    final AtomicLong marksReceived = new AtomicLong();
    final AtomicLong sendErrors = new AtomicLong();

    private final int sampleRate;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicLong sequence = new AtomicLong();
    private WebSocket socket;
    private CompletableFuture<WebSocket> sends;
    private volatile boolean closed;

    private SimulatedCall(String callSid, int sampleRate) {
        this.callSid = callSid;
        this.streamSid = "ST-" + callSid;
        this.sampleRate = sampleRate;
    }

    static CompletableFuture<SimulatedCall> open(HttpClient http, URI uri, String callSid, int sampleRate) {
        SimulatedCall call = new SimulatedCall(callSid, sampleRate);
        return http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .buildAsync(uri, call)
                .thenApply(ws -> {
                    call.socket = ws;
                    call.sends = CompletableFuture.completedFuture(ws);
                    return call;
                });
    }

    void start() {
        send("{\"event\":\"connected\"}");
        send("{\"event\":\"start\",\"sequence_number\":" + sequence.incrementAndGet() + ",\"stream_sid\":\"" + streamSid
                + "\",\"start\":{\"stream_sid\":\"" + streamSid + "\",\"call_sid\":\"" + callSid
                + "\",\"account_sid\":\"bench\",\"from\":\"+919800000000\",\"to\":\"+918000000000\","
                + "\"custom_parameters\":{},\"media_format\":{\"encoding\":\"raw\",\"sample_rate\":\"" + sampleRate
                + "\",\"bit_rate\":\"128\"}}}");
    }

    /** One 100 ms frame, stamped with the send time. */
    void sendMediaFrame() {
        if (closed) {
            return;
        }
        byte[] pcm = new byte[sampleRate / 5];
        ByteBuffer.wrap(pcm).putLong(0, System.nanoTime());
        long seq = sequence.incrementAndGet();
        send("{\"event\":\"media\",\"sequence_number\":" + seq + ",\"stream_sid\":\"" + streamSid
                + "\",\"media\":{\"chunk\":" + seq + ",\"timestamp\":\"" + seq * 100 + "\",\"payload\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\"}}");
    }

    void stop() {
        closed = true;
        send("{\"event\":\"stop\",\"stream_sid\":\"" + streamSid + "\",\"stop\":{\"call_sid\":\"" + callSid
                + "\",\"reason\":\"callended\"}}");
    }

    /** Sends in order: the JDK client allows one outstanding send per socket. */
    private synchronized void send(String text) {
        sends = sends.thenCompose(ws -> ws.sendText(text, true)).exceptionally(e -> {
            sendErrors.incrementAndGet();
            return socket;
        });
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (text.startsWith("{\"event\":\"media\"")) {
                mediaReceived.incrementAndGet();
            } else if (text.startsWith("{\"event\":\"mark\"")) {
                marksReceived.incrementAndGet();
                Matcher name = MARK_NAME.matcher(text);
                if (name.find() && !closed) {
                    send("{\"event\":\"mark\",\"stream_sid\":\"" + streamSid + "\",\"mark\":{\"name\":\""
                            + name.group(1) + "\"}}");
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
    }

    boolean closed() {
        return closed;
    }
}
