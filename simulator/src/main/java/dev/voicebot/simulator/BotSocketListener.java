package dev.voicebot.simulator;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds the bot's frames into the call, joining fragmented text messages. */
final class BotSocketListener implements WebSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(BotSocketListener.class);

    private final SimulatedCall call;
    private final StringBuilder text = new StringBuilder();
    private boolean inBinary;

    BotSocketListener(SimulatedCall call) {
        this.call = call;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        try {
            call.opened(webSocket);
        } catch (RuntimeException e) {
            LOG.warn("could not start the call: {}", e.toString(), e);
            webSocket.abort();
            throw e;
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            call.botText(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (!inBinary) {
            call.botBinary();
        }
        inBinary = !last;
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        call.botClosed(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        call.socketFailed(error);
    }
}
