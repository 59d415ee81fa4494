package dev.voicebot.dialer.call;

import dev.voicebot.dialer.exotel.ConnectRequest;
import dev.voicebot.dialer.exotel.ExotelNotConfiguredException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The URLs a Connect request points Exotel at: the App Bazaar flow (flow mode), our gateway's
 * socket (voice-ai mode) and our status-callback endpoint.
 */
public final class ConnectTargets {

    /** The path of the status-callback endpoint; the secret token follows it. */
    public static final String STATUS_CALLBACK_PATH = "/exotel/status-callback/";

    /** The stream URL's query parameter naming the call's correlation id; reaches CallStarted. */
    public static final String CORRELATION_PARAMETER = "correlation_id";

    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Supplier<String> accountSid;
    private final String defaultFlowAppId;
    private final String streamUrl;
    private final int sampleRate;
    private final Supplier<String> publicBaseUrl;
    private final CallbackSecrets secrets;

    /**
     * @param publicBaseUrl the dialer's base URL as Exotel reaches it, read when a call is placed
     *     (the local port is known only once the server runs)
     */
    public ConnectTargets(
            Supplier<String> accountSid,
            String defaultFlowAppId,
            String streamUrl,
            int sampleRate,
            Supplier<String> publicBaseUrl,
            CallbackSecrets secrets) {
        this.accountSid = accountSid;
        this.defaultFlowAppId = blankToNull(defaultFlowAppId);
        this.streamUrl = blankToNull(streamUrl);
        this.sampleRate = sampleRate;
        this.publicBaseUrl = publicBaseUrl;
        this.secrets = secrets;
        if (this.streamUrl != null && !(this.streamUrl.startsWith("wss://") || this.streamUrl.startsWith("ws://"))) {
            throw new IllegalArgumentException("DIALER_STREAM_URL must start with wss:// (or ws:// for local tests)");
        }
    }

    /** {@code http://my.exotel.com/{sid}/exoml/start_voice/{app_id}}; the only form Exotel accepts. */
    public String flowUrl(String appIdOverride) {
        String appId = appIdOverride != null ? appIdOverride : defaultFlowAppId;
        if (appId == null) {
            throw new ExotelNotConfiguredException(
                    "flow mode needs an App Bazaar app id: set EXOTEL_FLOW_APP_ID or send flow_app_id");
        }
        if (!APP_ID.matcher(appId).matches()) {
            throw new IllegalArgumentException("flow_app_id must be 1-64 letters, digits, '_' or '-'");
        }
        return "http://my.exotel.com/" + accountSid.get() + "/exoml/start_voice/" + appId;
    }

    /**
     * The gateway's URL with {@code sample-rate}, {@code direction=outbound} (so the bot waits for
     * the callee instead of greeting an empty line) and the call's correlation id in the query.
     */
    public String streamUrl(String correlationId) {
        if (streamUrl == null) {
            throw new ExotelNotConfiguredException(
                    "voice-ai mode needs the gateway's socket URL: set DIALER_STREAM_URL (wss://host/ws)");
        }
        StringBuilder url = new StringBuilder(streamUrl);
        char separator = streamUrl.contains("?") ? '&' : '?';
        if (!streamUrl.matches(".*[?&]sample-rate=.*")) {
            url.append(separator).append("sample-rate=").append(sampleRate);
            separator = '&';
        }
        if (!streamUrl.matches(".*[?&]direction=.*")) {
            url.append(separator).append("direction=outbound");
            separator = '&';
        }
        url.append(separator).append(CORRELATION_PARAMETER).append('=').append(encode(correlationId));
        if (url.length() > ConnectRequest.MAX_STREAM_URL) {
            throw new ExotelNotConfiguredException("DIALER_STREAM_URL is too long: Exotel takes stream URLs under 600"
                    + " characters, query included");
        }
        return url.toString();
    }

    public String statusCallbackUrl() {
        String base = publicBaseUrl.get();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + STATUS_CALLBACK_PATH + secrets.token();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
