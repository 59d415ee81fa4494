package dev.voicebot.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The bot's WebSocket address as an Exotel applet would use it.
 *
 * <p>Exotel's rules (shared/reference/exotel.md §1.1): {@code user:pass@} in the URL is sent as an
 * {@code Authorization: Basic} header; {@code sample-rate=8000|16000|24000} in the query picks the stream rate
 * (8000 when absent); up to 3 other query parameters, 256 characters in total, arrive in
 * {@code start.custom_parameters}. The query string stays on the upgrade request.
 *
 * @param connectUri the URI the socket is opened to: the configured URL without user info
 * @param authorization the {@code Authorization} header value, when the URL carries credentials
 * @param sampleRate the negotiated stream rate
 * @param customParameters the query parameters other than {@code sample-rate}, in URL order
 */
public record StreamTarget(
        URI connectUri, Optional<String> authorization, int sampleRate, Map<String, String> customParameters) {

    public static final Set<Integer> SUPPORTED_RATES = Set.of(8000, 16000, 24000);
    public static final int DEFAULT_RATE = 8000;
    public static final int MAX_CUSTOM_PARAMETERS = 3;
    public static final int MAX_CUSTOM_PARAMETER_CHARS = 256;
    static final String SAMPLE_RATE_PARAM = "sample-rate";

    public StreamTarget {
        customParameters = Collections.unmodifiableMap(new LinkedHashMap<>(customParameters));
    }

    /**
     * Resolves the configured URL plus the simulator's own settings into what Exotel would connect to.
     *
     * @param url {@code ws://} or {@code wss://} URL, optionally with user info and query parameters
     * @param requestedRate a rate chosen outside the URL, or {@code null}; it is written into the query as
     *     {@code sample-rate} when it is not 8000, and must agree with a {@code sample-rate} already in the URL
     * @param extraParameters custom parameters to append to the URL's query
     * @throws IllegalArgumentException when the URL or parameters break Exotel's rules
     */
    public static StreamTarget resolve(String url, Integer requestedRate, Map<String, String> extraParameters) {
        URI configured = parse(url);
        Map<String, String> query = parseQuery(configured.getRawQuery());
        int parsedParameters = query.size();
        for (Map.Entry<String, String> extra : extraParameters.entrySet()) {
            if (extra.getKey().isBlank()) {
                throw new IllegalArgumentException("custom parameter names must not be blank");
            }
            if (query.containsKey(extra.getKey())) {
                throw new IllegalArgumentException(
                        "custom parameter '" + extra.getKey() + "' is already in the URL's query");
            }
            query.put(extra.getKey(), extra.getValue());
        }
        int rate = negotiateRate(query, requestedRate);
        Map<String, String> custom = new LinkedHashMap<>(query);
        custom.remove(SAMPLE_RATE_PARAM);
        checkCustomParameterLimits(custom);
        // a query the simulator did not add to is sent exactly as configured, encoding included
        String rawQuery = query.size() == parsedParameters ? configured.getRawQuery() : encodeQuery(query);
        return new StreamTarget(withoutUserInfo(configured, rawQuery), basicAuthorization(configured), rate, custom);
    }

    /** The URL to show in logs and reports: no credentials, query parameter names only. */
    public String displayUrl() {
        String base = connectUri.getScheme() + "://" + connectUri.getAuthority() + connectUri.getRawPath();
        Map<String, String> query = parseQuery(connectUri.getRawQuery());
        return query.isEmpty() ? base : base + "?" + String.join("&", query.keySet()) + " (values hidden)";
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a WebSocket URL is required");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("the URL must start with ws:// or wss://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URL cannot have a #fragment");
        }
        return uri;
    }

    private static int negotiateRate(Map<String, String> query, Integer requestedRate) {
        String inUrl = query.get(SAMPLE_RATE_PARAM);
        if (inUrl == null) {
            int rate = requestedRate == null ? DEFAULT_RATE : checkedRate(requestedRate);
            if (rate != DEFAULT_RATE) {
                query.put(SAMPLE_RATE_PARAM, Integer.toString(rate));
            }
            return rate;
        }
        int urlRate;
        try {
            urlRate = checkedRate(Integer.parseInt(inUrl.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sample-rate in the URL is not a number: " + inUrl, e);
        }
        if (requestedRate != null && requestedRate != urlRate) {
            throw new IllegalArgumentException(
                    "sample rate " + requestedRate + " disagrees with sample-rate=" + urlRate + " in the URL");
        }
        return urlRate;
    }

    private static int checkedRate(int rate) {
        if (!SUPPORTED_RATES.contains(rate)) {
            throw new IllegalArgumentException("Exotel streams at 8000, 16000 or 24000 Hz, not " + rate);
        }
        return rate;
    }

    private static void checkCustomParameterLimits(Map<String, String> custom) {
        if (custom.size() > MAX_CUSTOM_PARAMETERS) {
            throw new IllegalArgumentException("Exotel passes at most " + MAX_CUSTOM_PARAMETERS
                    + " custom parameters, got " + custom.size() + ": " + custom.keySet());
        }
        int chars = encodeQuery(custom).length();
        if (chars > MAX_CUSTOM_PARAMETER_CHARS) {
            throw new IllegalArgumentException("Exotel allows " + MAX_CUSTOM_PARAMETER_CHARS
                    + " characters of custom parameters in total, got " + chars);
        }
    }

    private static Optional<String> basicAuthorization(URI uri) {
        String userInfo = uri.getUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            return Optional.empty();
        }
        String token = Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        return Optional.of("Basic " + token);
    }

    private static URI withoutUserInfo(URI uri, String rawQuery) {
        StringBuilder s = new StringBuilder()
                .append(uri.getScheme().toLowerCase(Locale.ROOT))
                .append("://")
                .append(uri.getHost());
        if (uri.getPort() >= 0) {
            s.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        s.append(path == null || path.isEmpty() ? "/" : path);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            s.append('?').append(rawQuery);
        }
        return URI.create(s.toString());
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.put(key, value);
        }
        return params;
    }

    private static String encodeQuery(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((k, v) -> joined.add(encode(k) + "=" + encode(v)));
        return joined.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
