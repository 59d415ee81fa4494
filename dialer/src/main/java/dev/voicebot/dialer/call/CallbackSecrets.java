package dev.voicebot.dialer.call;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets that let Exotel's unsigned status callbacks be trusted.
 *
 * <ul>
 *   <li>The callback token travels in the callback URL; a callback without it is refused.
 *   <li>Correlation ids ({@code vb} + 16 hex random + 12 hex MAC) carry a MAC under the same secret,
 *       so a callback's {@code CustomField} proves the dialer placed the call, even after a restart
 *       emptied its memory.
 * </ul>
 *
 * The token is {@code DIALER_CALLBACK_TOKEN}, or derived from the Exotel API token (stable across
 * restarts, reveals nothing about it), or random when neither is set.
 */
public final class CallbackSecrets {

    private static final Pattern CORRELATION = Pattern.compile("vb[0-9a-f]{16}[0-9a-f]{12}");
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]{16,}");
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final byte[] tokenDigest;
    private final boolean stable;

    public CallbackSecrets(String configuredToken, String exotelApiToken) {
        if (configuredToken != null && !configuredToken.isBlank()) {
            if (!URL_SAFE.matcher(configuredToken.strip()).matches()) {
                throw new IllegalArgumentException("DIALER_CALLBACK_TOKEN must be 16 or more letters, digits, '.', '_',"
                        + " '~' or '-' (it goes into the callback URL as it is)");
            }
            token = configuredToken.strip();
            stable = true;
        } else if (exotelApiToken != null && !exotelApiToken.isBlank()) {
            token = HEX.formatHex(
                            hmac(exotelApiToken.getBytes(StandardCharsets.UTF_8), "voicebot-dialer/status-callback"))
                    .substring(0, 40);
            stable = true;
        } else {
            byte[] random = new byte[20];
            RANDOM.nextBytes(random);
            token = HEX.formatHex(random);
            stable = false;
        }
        tokenDigest = sha256(token);
    }

    /** The token to put in the status-callback URL. */
    public String token() {
        return token;
    }

    /** False when the token is random: callbacks for calls placed before a restart will be refused. */
    public boolean stable() {
        return stable;
    }

    /** Compares in constant time (digests of equal length, whatever the candidate's length). */
    public boolean tokenMatches(String candidate) {
        return candidate != null && MessageDigest.isEqual(tokenDigest, sha256(candidate));
    }

    /** A fresh correlation id for one call attempt: 30 characters, URL- and CustomField-safe. */
    public String newCorrelationId() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String nonce = HEX.formatHex(random);
        return "vb" + nonce + mac(nonce);
    }

    /** True for a correlation id this dialer (or one sharing its secret) created. */
    public boolean isGenuine(String correlationId) {
        if (correlationId == null || !CORRELATION.matcher(correlationId).matches()) {
            return false;
        }
        String nonce = correlationId.substring(2, 18);
        return MessageDigest.isEqual(
                mac(nonce).getBytes(StandardCharsets.US_ASCII),
                correlationId.substring(18).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String nonce) {
        return HEX.formatHex(hmac(token.getBytes(StandardCharsets.UTF_8), "correlation:" + nonce))
                .substring(0, 12);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "CallbackSecrets[hidden]";
    }
}
