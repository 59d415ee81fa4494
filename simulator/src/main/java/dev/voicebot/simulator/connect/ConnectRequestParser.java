package dev.voicebot.simulator.connect;

import dev.voicebot.simulator.StreamTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Connect API form the way Exotel documents it (shared/reference/exotel.md §3.2–3.4) and decides the mode.
 * Every problem is a 400 {@link RestException} with code 34001 and a message naming the parameter.
 */
final class ConnectRequestParser {

    static final int MAX_STREAM_URL_CHARS = 600;
    static final int MAX_CUSTOM_FIELD_CHARS = 128;
    static final int MAX_STREAM_NAME_CHARS = 32;
    static final long MAX_TIME_LIMIT_SECONDS = 14_400;

    private static final Pattern PHONE = Pattern.compile("\\+?\\d{6,15}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\-()]");
    private static final Pattern FLOW_URL =
            Pattern.compile("https?://my\\.exotel\\.com/([^/?#]+)/exoml/start(?:_voice)?/([^/?#]+)/?");
    private static final Set<String> EVENTS = Set.of("terminal", "answered", "ringing");

    private final String accountSid;

    ConnectRequestParser(String accountSid) {
        this.accountSid = accountSid;
    }

    ConnectRequest parse(FormData form) {
        String from = number(form, "From");
        String callerId = number(form, "CallerId");
        Optional<String> to = form.first("To");
        Optional<String> url = form.first("Url");
        Optional<String> streamUrl = form.first("StreamUrl");
        if (to.isPresent() && url.isPresent()) {
            throw RestException.invalidParameter("To and Url cannot be used together");
        }
        ConnectMode mode = mode(form, to, url, streamUrl);
        if (to.isPresent()) {
            number(form, "To");
        }
        Optional<String> appId = url.map(this::flowAppId);
        streamUrl.ifPresent(ConnectRequestParser::checkStreamUrl);
        checkCallType(form);
        checkLength(form, "StreamName", MAX_STREAM_NAME_CHARS);
        checkLength(form, "CustomField", MAX_CUSTOM_FIELD_CHARS);
        return new ConnectRequest(
                mode,
                from,
                to,
                callerId,
                appId,
                mode == ConnectMode.VOICE_AI ? streamUrl : Optional.empty(),
                seconds(form, "TimeLimit", MAX_TIME_LIMIT_SECONDS),
                seconds(form, "TimeOut", Long.MAX_VALUE),
                bool(form, "Record"),
                form.first("CustomField"),
                form.first("StatusCallback").map(ConnectRequestParser::callbackUrl),
                events(form, mode),
                form.first("StatusCallbackContentType")
                        .map(CallbackFormat::fromParameter)
                        .orElse(CallbackFormat.MULTIPART),
                form);
    }

    private static ConnectMode mode(FormData form, Optional<String> to, Optional<String> url, Optional<String> stream) {
        if (url.isPresent()) {
            return ConnectMode.FLOW;
        }
        if (stream.isPresent()) {
            String type = form.first("StreamType").orElse("");
            if (to.isPresent()) {
                throw RestException.invalidParameter(
                        type.equalsIgnoreCase("bidirectional")
                                ? "To cannot be used with StreamType=bidirectional; Connect Voice AI dials From only"
                                : "this stand-in does not simulate a unidirectional StreamUrl on a two-number call");
            }
            if (!type.equalsIgnoreCase("bidirectional")) {
                throw RestException.invalidParameter(
                        "StreamType must be bidirectional for Connect Voice AI, not '" + type + "'");
            }
            return ConnectMode.VOICE_AI;
        }
        if (to.isPresent()) {
            return ConnectMode.TWO_NUMBERS;
        }
        throw RestException.invalidParameter(
                "one of To (connect two numbers), Url (connect to a flow) or StreamUrl (Connect Voice AI) is required");
    }

    private static String number(FormData form, String name) {
        String value =
                form.first(name).orElseThrow(() -> RestException.invalidParameter(name + " is a mandatory parameter"));
        String digits = PHONE_SEPARATORS.matcher(value).replaceAll("");
        if (!PHONE.matcher(digits).matches() && !value.toLowerCase(Locale.ROOT).startsWith("sip:")) {
            throw RestException.invalidParameter(name + " number " + value + " is invalid");
        }
        return value;
    }

    private String flowAppId(String url) {
        Matcher m = FLOW_URL.matcher(url);
        if (!m.matches()) {
            throw RestException.invalidParameter("Url must be an Exotel flow, http://my.exotel.com/" + accountSid
                    + "/exoml/start_voice/{app_id}; other URLs are not accepted");
        }
        if (!m.group(1).equals(accountSid)) {
            throw RestException.invalidParameter("Url names account " + m.group(1) + ", not " + accountSid);
        }
        return m.group(2);
    }

    private static void checkStreamUrl(String url) {
        if (url.length() > MAX_STREAM_URL_CHARS) {
            throw RestException.invalidParameter("StreamUrl is " + url.length() + " characters; at most "
                    + MAX_STREAM_URL_CHARS + " are allowed, query included");
        }
        try {
            StreamTarget.resolve(url, null, Map.of());
        } catch (IllegalArgumentException e) {
            throw RestException.invalidParameter("StreamUrl: " + e.getMessage());
        }
    }

    private static void checkCallType(FormData form) {
        form.first("CallType").ifPresent(type -> {
            if (type.equalsIgnoreCase("promo")) {
                throw RestException.invalidParameter("CallType promo is no longer supported; use trans");
            }
            if (!type.equalsIgnoreCase("trans")) {
                throw RestException.invalidParameter("CallType must be trans, not '" + type + "'");
            }
        });
    }

    private static void checkLength(FormData form, String name, int max) {
        form.first(name).ifPresent(value -> {
            if (value.length() > max) {
                throw RestException.invalidParameter(
                        name + " is " + value.length() + " characters; at most " + max + " are allowed");
            }
        });
    }

    private static Optional<Duration> seconds(FormData form, String name, long max) {
        Optional<String> value = form.first(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw RestException.invalidParameter(
                    name + " must be a whole number of seconds, not '" + value.get() + "'");
        }
        if (seconds < 1 || seconds > max) {
            throw RestException.invalidParameter(name + " must be between 1 and " + max + " seconds, not " + seconds);
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }

    private static boolean bool(FormData form, String name) {
        String value = form.first(name).orElse("false");
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw RestException.invalidParameter(name + " must be true or false, not '" + value + "'");
        }
        return value.equalsIgnoreCase("true");
    }

    private static URI callbackUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw RestException.invalidParameter("StatusCallback must be an http:// or https:// URL");
    }

    private static Set<String> events(FormData form, ConnectMode mode) {
        Set<String> events = new LinkedHashSet<>();
        for (String event : form.all("StatusCallbackEvents")) {
            String normalised = event.toLowerCase(Locale.ROOT);
            if (!EVENTS.contains(normalised) || (normalised.equals("ringing") && mode != ConnectMode.VOICE_AI)) {
                throw RestException.invalidParameter("StatusCallbackEvents cannot include '" + event + "'; use terminal"
                        + " or answered" + (mode == ConnectMode.VOICE_AI ? " or ringing" : ""));
            }
            events.add(normalised);
        }
        return Set.copyOf(events);
    }
}
