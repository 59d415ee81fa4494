package dev.voicebot.simulator.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP side of the stand-in: routes {@code /v1/Accounts/{sid}/Calls/connect[.json]} and
 * {@code /v1/Accounts/{sid}/Calls/{CallSid}[.json]}, checks credentials and the rate limit, applies injected faults,
 * answers in JSON or XML by the path's suffix, and records every request.
 */
final class ApiHandler implements HttpHandler {

    private static final Pattern CONNECT = Pattern.compile("/v1/Accounts/([^/]+)/Calls/connect(\\.json)?/?");
    private static final Pattern DETAILS = Pattern.compile("/v1/Accounts/([^/]+)/Calls/([^/.]+)(\\.json)?/?");
    private static final List<String> CREDENTIAL_HEADERS = List.of("authorization", "proxy-authorization");
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    /** What the stand-in does with an accepted request, kept apart from the HTTP details. */
    interface Calls {
        /** Accepts the call and starts playing it; returns its state from before it started. */
        CallSnapshot place(ConnectRequest request);

        Optional<StandInCall> find(String sid);

        Optional<ApiFault> nextFault();

        void record(RecordedApiRequest request);
    }

    private final StandInSettings settings;
    private final ApiAuth auth;
    private final RateLimiter rateLimiter;
    private final ConnectRequestParser parser;
    private final CallDocuments documents;
    private final Calls calls;

    ApiHandler(StandInSettings settings, RateLimiter rateLimiter, CallDocuments documents, Calls calls) {
        this.settings = settings;
        this.auth = new ApiAuth(settings.apiKey(), settings.apiToken());
        this.rateLimiter = rateLimiter;
        this.parser = new ConnectRequestParser(settings.accountSid());
        this.documents = documents;
        this.calls = calls;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant at = Instant.now();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            boolean json = path.endsWith(".json") || path.endsWith(".json/");
            boolean authenticated = auth.accepts(exchange.getRequestHeaders().getFirst("Authorization"));
            FormData query = FormData.parseUrlEncoded(exchange.getRequestURI().getRawQuery());
            FormData form = FormData.empty();
            RestException unreadableForm = null;
            try {
                form = FormBodies.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
            } catch (RestException e) {
                unreadableForm = e;
            }
            Reply reply;
            try {
                reply = route(exchange.getRequestMethod(), path, query, form, unreadableForm, authenticated, json);
            } catch (GatewayFailure e) {
                reply = Reply.gateway(e.status);
            } catch (RestException e) {
                reply = Reply.error(e, json);
            } catch (IllegalArgumentException e) {
                reply = Reply.error(RestException.invalidParameter(e.getMessage()), json);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply = Reply.error(new RestException(503, null, "the stand-in is shutting down"), json);
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), path, e.toString(), e);
                reply = Reply.error(new RestException(500, null, "internal error in the stand-in"), json);
            }
            calls.record(new RecordedApiRequest(
                    at,
                    exchange.getRequestMethod(),
                    path,
                    query,
                    headersWithoutCredentials(exchange),
                    form,
                    authenticated,
                    reply.status(),
                    reply.callSid()));
            send(exchange, reply);
        }
    }

    private Reply route(
            String method,
            String path,
            FormData query,
            FormData form,
            RestException unreadableForm,
            boolean authenticated,
            boolean json)
            throws InterruptedException {
        Matcher connect = CONNECT.matcher(path);
        Matcher details = DETAILS.matcher(path);
        boolean isConnect = connect.matches();
        if (!isConnect && !details.matches()) {
            throw new RestException(404, null, "The requested resource " + path + " was not found");
        }
        checkAccess(isConnect ? connect.group(1) : details.group(1), authenticated);
        if (isConnect) {
            requireMethod(method, "POST");
            applyFault();
            if (unreadableForm != null) {
                throw unreadableForm;
            }
            CallSnapshot placed = calls.place(parser.parse(form));
            return Reply.ok(documents.call(placed, details(query)), json, placed.sid());
        }
        requireMethod(method, "GET");
        StandInCall call = calls.find(details.group(2))
                .orElseThrow(() -> new RestException(404, null, "Call " + details.group(2) + " was not found"));
        return Reply.ok(documents.call(call.snapshot(), details(query)), json, null);
    }

    private void checkAccess(String accountSid, boolean authenticated) {
        if (!authenticated) {
            throw new RestException(401, null, "Authentication required: HTTP Basic with your API key and token");
        }
        if (!accountSid.equals(settings.accountSid())) {
            throw new RestException(401, null, "These credentials do not belong to account " + accountSid);
        }
        if (rateLimiter != null && !rateLimiter.tryAcquire()) {
            throw new RestException(
                    429, null, "Too many requests: the Voice API allows " + rateLimiter.perMinute() + " a minute");
        }
    }

    private void applyFault() throws InterruptedException {
        Optional<ApiFault> fault = calls.nextFault();
        if (fault.isEmpty()) {
            return;
        }
        switch (fault.get()) {
            case ApiFault.Slow slow -> Thread.sleep(slow.delay());
            case ApiFault.Error error -> throw new RestException(error.status(), error.code(), error.message());
            case ApiFault.GatewayError gateway -> throw new GatewayFailure(gateway.status());
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equalsIgnoreCase(allowed)) {
            throw new RestException(405, null, method + " is not allowed here; use " + allowed);
        }
    }

    private static boolean details(FormData query) {
        return query.first("details").map("true"::equalsIgnoreCase).orElse(false);
    }

    private static Map<String, List<String>> headersWithoutCredentials(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, List.copyOf(values));
            }
        });
        return headers;
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A 5xx from the load balancer in front of the API: HTML, no {@code RestException}. */
    static final class GatewayFailure extends RuntimeException {
        final int status;

        GatewayFailure(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }

    /** A response about to be sent. */
    record Reply(int status, String contentType, String body, Optional<String> callSid) {

        static final String JSON_TYPE = "application/json; charset=utf-8";
        static final String XML_TYPE = "application/xml; charset=utf-8";

        static Reply ok(ObjectNode document, boolean json, String callSid) {
            return new Reply(
                    200,
                    json ? JSON_TYPE : XML_TYPE,
                    json ? ApiDocuments.json(document) : ApiDocuments.xml(document),
                    Optional.ofNullable(callSid));
        }

        static Reply error(RestException e, boolean json) {
            ObjectNode document = ApiDocuments.restException(e);
            return new Reply(
                    e.status(),
                    json ? JSON_TYPE : XML_TYPE,
                    json ? ApiDocuments.json(document) : ApiDocuments.xml(document),
                    Optional.empty());
        }

        static Reply gateway(int status) {
            return new Reply(
                    status,
                    "text/html; charset=utf-8",
                    "<html><head><title>" + status + "</title></head><body><h1>" + status
                            + " Server Error</h1></body></html>\n",
                    Optional.empty());
        }
    }
}
