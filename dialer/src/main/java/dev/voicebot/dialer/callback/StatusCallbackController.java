package dev.voicebot.dialer.callback;

import dev.voicebot.dialer.call.CallbackSecrets;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exotel's status callbacks: {@code POST /exotel/status-callback/{token}}. Exotel signs nothing, so
 * the secret token in the URL (not the API's bearer key) authenticates the sender. The body may be
 * multipart/form-data (Exotel's default), urlencoded or JSON; with no usable Content-Type the body
 * is sniffed. Answers 200 for handled, repeated and unknown calls alike, so Exotel has no reason
 * to retry; 403 for a wrong token; 400 for a body without CallSid.
 */
@RestController
@Hidden
public class StatusCallbackController {

    private static final Logger log = LoggerFactory.getLogger(StatusCallbackController.class);
    private static final int MAX_BODY = 64 * 1024;

    private final CallbackSecrets secrets;
    private final StatusCallbackHandler handler;

    public StatusCallbackController(CallbackSecrets secrets, StatusCallbackHandler handler) {
        this.secrets = secrets;
        this.handler = handler;
    }

    @PostMapping(
            path = "/exotel/status-callback/{token}",
            consumes = MediaType.ALL_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> statusCallback(@PathVariable String token, HttpServletRequest request)
            throws IOException {
        if (!secrets.tokenMatches(token)) {
            log.warn("status callback with a wrong token from {}", request.getRemoteAddr());
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "wrong callback token"));
        }
        StatusCallback callback;
        try {
            callback = parse(request);
        } catch (IllegalArgumentException e) {
            log.warn("unreadable status callback: {}", e.getMessage());
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
        StatusCallbackHandler.Outcome outcome = handler.handle(callback);
        return ResponseEntity.ok(Map.of("result", outcome.name().toLowerCase(Locale.ROOT)));
    }

    private static StatusCallback parse(HttpServletRequest request) throws IOException {
        String contentType =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.contains("json")) {
            return StatusCallbackParser.fromJson(body(request));
        }
        if (contentType.startsWith("multipart/") || contentType.startsWith("application/x-www-form-urlencoded")) {
            return StatusCallbackParser.fromForm(request.getParameterMap());
        }
        byte[] body = body(request);
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            return StatusCallbackParser.fromJson(body);
        }
        Map<String, String[]> fields = new LinkedHashMap<>(request.getParameterMap());
        for (String pair : text.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                fields.putIfAbsent(name, new String[] {value});
            }
        }
        return StatusCallbackParser.fromForm(fields);
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("the callback body is larger than " + MAX_BODY + " bytes");
        }
        return body;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
