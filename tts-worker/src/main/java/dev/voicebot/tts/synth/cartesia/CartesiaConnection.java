package dev.voicebot.tts.synth.cartesia;

import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.synth.SynthesisException.Kind;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One WebSocket to Cartesia. Messages sent before the handshake completes are queued by OkHttp and
 * go out once it does. The socket reports each parsed server message, and exactly once that it
 * broke (refused handshake, network failure, or a close by the server).
 */
final class CartesiaConnection {

    private static final Logger log = LoggerFactory.getLogger(CartesiaConnection.class);
    private static final int NORMAL_CLOSURE = 1000;

    private final WebSocket socket;
    private final JsonMapper json;
    private final BiConsumer<CartesiaConnection, CartesiaResponse> onMessage;
    private final BiConsumer<CartesiaConnection, SynthesisException> onBroken;
    private final AtomicBoolean brokenReported = new AtomicBoolean();
    private volatile boolean broken;

    CartesiaConnection(
            OkHttpClient client,
            Request handshake,
            JsonMapper json,
            BiConsumer<CartesiaConnection, CartesiaResponse> onMessage,
            BiConsumer<CartesiaConnection, SynthesisException> onBroken) {
        this.json = json;
        this.onMessage = onMessage;
        this.onBroken = onBroken;
        this.socket = client.newWebSocket(handshake, new Listener());
    }

    /** Queues a text message; false when the socket is closing or broken. */
    boolean send(String message) {
        return !broken && socket.send(message);
    }

    boolean isBroken() {
        return broken;
    }

    void close() {
        broken = true;
        socket.close(NORMAL_CLOSURE, "worker stopping");
    }

    private void breakWith(SynthesisException cause) {
        broken = true;
        if (brokenReported.compareAndSet(false, true)) {
            onBroken.accept(this, cause);
        }
    }

    private final class Listener extends WebSocketListener {

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            CartesiaResponse response;
            try {
                response = CartesiaResponse.parse(json.readTree(text));
            } catch (JacksonException | IllegalArgumentException e) {
                log.warn(
                        "Cartesia sent a message this client cannot read ({}); skipped",
                        e.getClass().getSimpleName());
                return;
            }
            onMessage.accept(CartesiaConnection.this, response);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(NORMAL_CLOSURE, null);
            breakWith(new SynthesisException(
                    code == NORMAL_CLOSURE ? Kind.CONNECTIVITY : kindOfCloseCode(code),
                    "Cartesia closed the socket (" + code + (reason.isBlank() ? "" : " " + reason) + ")"));
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            breakWith(new SynthesisException(Kind.CONNECTIVITY, "Cartesia socket closed (" + code + ")"));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            if (response != null) {
                int status = response.code();
                breakWith(new SynthesisException(
                        SynthesisException.kindOfHttpStatus(status),
                        "Cartesia refused the connection: HTTP " + status + bodyExcerpt(response)));
            } else {
                breakWith(new SynthesisException(
                        Kind.CONNECTIVITY, "Cartesia connection failed: " + failure.getMessage(), failure));
            }
        }

        private static String bodyExcerpt(Response response) {
            try {
                String body = response.body() == null
                        ? ""
                        : response.peekBody(300).string().strip();
                return body.isEmpty() ? "" : " " + body.replaceAll("\\s+", " ");
            } catch (IOException e) {
                return "";
            }
        }

        /** 1008 (policy violation) is how WebSocket servers report rejected credentials after the upgrade. */
        private static Kind kindOfCloseCode(int code) {
            return switch (code) {
                case 1008 -> Kind.AUTHENTICATION;
                case 1011, 1012, 1013, 1014 -> Kind.SERVER;
                default -> Kind.CONNECTIVITY;
            };
        }
    }
}
