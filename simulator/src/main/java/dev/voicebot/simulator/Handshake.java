package dev.voicebot.simulator;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the socket as Exotel does (shared/reference/exotel.md §1.1): {@code Authorization: Basic} from the URL's
 * user info, a handshake deadline (about 10 s at Exotel), and one retry after a failed handshake.
 */
final class Handshake {

    /** Slack on top of the connect timeout for the upgrade response itself. */
    private static final long RESPONSE_SLACK_MILLIS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);

    private Handshake() {}

    static void open(
            HttpClient client,
            StreamTarget target,
            Supplier<WebSocket.Listener> listeners,
            Duration connectTimeout,
            int retries,
            String callSid)
            throws CallConnectException {
        Throwable lastError = null;
        int status = -1;
        for (int attempt = 0; attempt <= retries; attempt++) {
            WebSocket.Builder request = client.newWebSocketBuilder().connectTimeout(connectTimeout);
            target.authorization().ifPresent(value -> request.header("Authorization", value));
            try {
                request.buildAsync(target.connectUri(), listeners.get())
                        .get(connectTimeout.toMillis() + RESPONSE_SLACK_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                lastError = e.getCause();
                status = handshakeStatus(lastError);
            } catch (TimeoutException e) {
                lastError = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CallConnectException("interrupted while connecting", -1, e);
            }
            LOG.info("call {}: handshake attempt {} failed: {}", callSid, attempt + 1, describe(lastError));
        }
        String message = "could not open " + target.displayUrl() + " after " + (retries + 1) + " attempt(s): "
                + (status > 0 ? "HTTP " + status : describe(lastError));
        throw new CallConnectException(message, status, lastError);
    }

    /** A one-line reason for a failed connection, without stack noise. */
    static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return "the handshake timed out";
            }
            if (t instanceof ConnectException) {
                return "could not connect (" + (t.getMessage() == null ? "connection refused" : t.getMessage()) + ")";
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }

    private static int handshakeStatus(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
        }
        return -1;
    }
}
