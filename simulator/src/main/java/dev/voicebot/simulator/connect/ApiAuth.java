package dev.voicebot.simulator.connect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Exotel's API authentication: HTTP Basic with the API key as user and the API token as password (a client may write
 * them into the URL as {@code https://key:token@host/…}; its HTTP library sends the same header). With no key
 * configured, any non-empty credentials pass, but some must be sent.
 */
final class ApiAuth {

    private final Optional<String> apiKey;
    private final Optional<String> apiToken;

    ApiAuth(Optional<String> apiKey, Optional<String> apiToken) {
        this.apiKey = apiKey;
        this.apiToken = apiToken;
    }

    boolean accepts(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if (apiKey.isEmpty()) {
            return true;
        }
        // both comparisons always run, so the time taken does not tell which part was wrong
        boolean userMatches = same(user, apiKey.get());
        boolean passwordMatches = same(password, apiToken.orElse(""));
        return userMatches & passwordMatches;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
