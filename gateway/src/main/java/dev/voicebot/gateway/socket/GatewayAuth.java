package dev.voicebot.gateway.socket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Who may open a call socket. Either check is optional and both apply when both are configured: a
 * shared token in the URL's {@code token} query parameter, and HTTP Basic credentials, which Exotel
 * sends as an {@code Authorization} header for {@code wss://user:password@host/...} URLs.
 * Comparisons take the same time whatever the input, so a caller cannot guess a secret byte by byte.
 */
public final class GatewayAuth {

    /** The query parameter carrying the token. */
    public static final String TOKEN_PARAMETER = "token";

    /** The result of a check: 401 when credentials are missing, 403 when they are wrong. */
    public enum Verdict {
        ALLOWED(200),
        MISSING(401),
        WRONG(403);

        private final int httpStatus;

        Verdict(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final byte[] tokenDigest;
    private final byte[] userDigest;
    private final byte[] passwordDigest;

    /** Blank values switch a check off; a Basic user needs a password and vice versa. */
    public GatewayAuth(String token, String basicUser, String basicPassword) {
        boolean hasUser = basicUser != null && !basicUser.isEmpty();
        boolean hasPassword = basicPassword != null && !basicPassword.isEmpty();
        if (hasUser != hasPassword) {
            throw new IllegalArgumentException(
                    "Basic auth needs both GATEWAY_BASIC_AUTH_USER and GATEWAY_BASIC_AUTH_PASSWORD, or neither");
        }
        this.tokenDigest = token == null || token.isEmpty() ? null : digest(token);
        this.userDigest = hasUser ? digest(basicUser) : null;
        this.passwordDigest = hasPassword ? digest(basicPassword) : null;
    }

    public boolean tokenRequired() {
        return tokenDigest != null;
    }

    public boolean basicRequired() {
        return userDigest != null;
    }

    /**
     * @param token the {@code token} query parameter, or {@code null}
     * @param authorization the {@code Authorization} header, or {@code null}
     */
    public Verdict check(String token, String authorization) {
        Verdict verdict = Verdict.ALLOWED;
        if (tokenDigest != null) {
            verdict = worst(verdict, checkToken(token));
        }
        if (userDigest != null) {
            verdict = worst(verdict, checkBasic(authorization));
        }
        return verdict;
    }

    private Verdict checkToken(String token) {
        if (token == null || token.isEmpty()) {
            return Verdict.MISSING;
        }
        return MessageDigest.isEqual(tokenDigest, digest(token)) ? Verdict.ALLOWED : Verdict.WRONG;
    }

    private Verdict checkBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Verdict.MISSING;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Verdict.WRONG;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Verdict.WRONG;
        }
        boolean userMatches = MessageDigest.isEqual(userDigest, digest(decoded.substring(0, colon)));
        boolean passwordMatches = MessageDigest.isEqual(passwordDigest, digest(decoded.substring(colon + 1)));
        return userMatches & passwordMatches ? Verdict.ALLOWED : Verdict.WRONG;
    }

    private static Verdict worst(Verdict a, Verdict b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** Hashing first makes the comparison independent of the secret's length too. */
    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
