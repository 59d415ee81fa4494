package dev.voicebot.llm.provider;

import java.time.Duration;

/** The one mapping from an HTTP status to a {@link ProviderException.Kind}. */
public final class ProviderErrors {

    private ProviderErrors() {}

    public static ProviderException.Kind kindOf(int status) {
        return switch (status) {
            case 401, 403 -> ProviderException.Kind.AUTHENTICATION;
            case 404 -> ProviderException.Kind.NOT_FOUND;
            case 408 -> ProviderException.Kind.TIMEOUT;
            case 429 -> ProviderException.Kind.RATE_LIMITED;
            default -> status >= 500 ? ProviderException.Kind.SERVER : ProviderException.Kind.INVALID_REQUEST;
        };
    }

    /**
     * An HTTP failure.
     *
     * @param detail the provider's message, already free of secrets
     * @param retryAfterHeader the {@code Retry-After} header in seconds, or {@code null}
     */
    public static ProviderException fromStatus(int status, String detail, String retryAfterHeader) {
        return new ProviderException(
                kindOf(status), status, "HTTP " + status + ": " + detail, parseRetryAfter(retryAfterHeader), null);
    }

    static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(header.strip());
            return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: rare for these APIs, and the default back-off applies
        }
    }
}
