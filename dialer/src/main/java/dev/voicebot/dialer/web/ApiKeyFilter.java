package dev.voicebot.dialer.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * {@code Authorization: Bearer <DIALER_API_KEY>} on every request except the public ones: Exotel's
 * status callbacks (they carry their own token), health and metrics, and the API documentation.
 * Everything else is denied by default, so a new endpoint is protected without a change here. The
 * key is compared through SHA-256 digests with {@link MessageDigest#isEqual}, in constant time
 * whatever the candidate's length.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final List<String> PUBLIC_PREFIXES =
            List.of("/exotel/status-callback/", "/actuator/", "/v3/api-docs", "/swagger-ui");
    private static final String BEARER = "bearer ";

    private final byte[] keyDigest;
    private final UrlPathHelper paths = new UrlPathHelper();

    public ApiKeyFilter(String apiKey) {
        this.keyDigest = sha256(apiKey);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = paths.getPathWithinApplication(request);
        if (path.contains("..") || path.contains("//")) {
            return false;
        }
        return PUBLIC_PREFIXES.stream().anyMatch(path::startsWith) || path.equals("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null
                && header.length() > BEARER.length()
                && header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
                && MessageDigest.isEqual(
                        keyDigest, sha256(header.substring(BEARER.length()).strip()))) {
            chain.doFilter(request, response);
            return;
        }
        log.warn(
                "{} {} refused: {} bearer key",
                request.getMethod(),
                paths.getPathWithinApplication(request),
                header == null ? "no" : "wrong or malformed");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dialer\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String detail = header == null
                ? "send the dialer's API key as 'Authorization: Bearer <DIALER_API_KEY>'"
                : "the bearer key is wrong";
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"" + detail
                        + "\",\"instance\":\"" + jsonEscape(paths.getPathWithinApplication(request))
                        + "\",\"error\":\"unauthorized\"}");
    }

    private static String jsonEscape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
