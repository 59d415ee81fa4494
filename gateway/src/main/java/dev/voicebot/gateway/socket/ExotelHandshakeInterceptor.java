package dev.voicebot.gateway.socket;

import dev.voicebot.gateway.call.HandshakeParameters;
import dev.voicebot.gateway.metrics.GatewayMetrics;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Runs before a socket is accepted: refuses every socket while the gateway shuts down (503),
 * refuses callers without valid credentials (401 missing, 403 wrong), refuses any socket beyond the
 * cap with 503 (Exotel retries a failed handshake once), and keeps the URL's query parameters for
 * the call, since Exotel passes the applet's {@code sample-rate} and custom parameters there.
 */
public final class ExotelHandshakeInterceptor implements HandshakeInterceptor {

    /** The socket attribute holding the {@link HandshakeParameters}. */
    static final String HANDSHAKE = HandshakeParameters.class.getName();

    static final String SAMPLE_RATE_PARAMETER = "sample-rate";

    /** Says why a socket was refused, for whoever reads the 503. */
    static final String REFUSAL_HEADER = "X-Voicebot-Refused";

    private static final Logger log = LoggerFactory.getLogger(ExotelHandshakeInterceptor.class);

    private final GatewayAuth auth;
    private final GatewayMetrics metrics;
    private final CallDrain drain;
    private final OpenSockets openSockets;

    public ExotelHandshakeInterceptor(
            GatewayAuth auth, GatewayMetrics metrics, CallDrain drain, OpenSockets openSockets) {
        this.auth = auth;
        this.metrics = metrics;
        this.drain = drain;
        this.openSockets = openSockets;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (!drain.admitsCalls()) {
            metrics.handshakeRefused("shutting-down");
            log.info("refused a socket from {}: this gateway is shutting down", request.getRemoteAddress());
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            response.getHeaders().set(REFUSAL_HEADER, CallDrain.SHUTDOWN_REASON);
            return false;
        }
        Map<String, String> query = queryParameters(request.getURI().getRawQuery());
        GatewayAuth.Verdict verdict = auth.check(
                query.get(GatewayAuth.TOKEN_PARAMETER), request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (verdict != GatewayAuth.Verdict.ALLOWED) {
            metrics.handshakeRefused(verdict.name().toLowerCase(Locale.ROOT));
            log.warn(
                    "refused a socket from {}: credentials {}",
                    request.getRemoteAddress(),
                    verdict.name().toLowerCase(Locale.ROOT));
            response.setStatusCode(HttpStatus.valueOf(verdict.httpStatus()));
            if (auth.basicRequired()) {
                response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"voicebot\"");
            }
            return false;
        }
        if (openSockets.atCapacity()) {
            metrics.handshakeRefused("capacity");
            log.warn(
                    "refused a socket from {}: {} sockets open, the cap",
                    request.getRemoteAddress(),
                    openSockets.size());
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return false;
        }
        String sampleRate = query.remove(SAMPLE_RATE_PARAMETER);
        if (auth.tokenRequired()) {
            query.remove(GatewayAuth.TOKEN_PARAMETER);
        }
        attributes.put(
                HANDSHAKE,
                new HandshakeParameters(query, sampleRate, request.getURI().getPath()));
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}

    /** Decoded query parameters in URL order; the first of repeated names wins. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
