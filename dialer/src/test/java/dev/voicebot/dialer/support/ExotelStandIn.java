package dev.voicebot.dialer.support;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local stand-in for Exotel's Connect API on loopback, answering as Exotel documents: {@code
 * POST /v1/Accounts/{sid}/Calls/connect.json} with Basic auth, {@code {"Call":{"Sid":…}}} on
 * success, {@code RestException} on errors. It can answer per customer number, and can post the
 * status callbacks a real call would produce (multipart by default, JSON when asked) to the
 * request's StatusCallback URL.
 */
public final class ExotelStandIn implements AutoCloseable {

    public static final String SID = "AC_standin";
    public static final String KEY = "standin-key";
    public static final String TOKEN = "standin-token";

    /** One Connect request as received. */
    public record Received(
            String method,
            String path,
            String authorization,
            String contentType,
            Map<String, String> form,
            long receivedAtNanos) {

        /** The customer: To in two-numbers mode, From otherwise. */
        public String customer() {
            return form.containsKey("To") ? form.get("To") : form.get("From");
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Received, MockResponse>> byCustomer = new ConcurrentHashMap<>();
    private final AtomicLong sidCounter = new AtomicLong();
    private final AtomicLong handlingNanos = new AtomicLong();
    private final Map<String, Long> handlingByCustomer = new ConcurrentHashMap<>();
    private final Map<Received, String> sids = new ConcurrentHashMap<>();
    private final ScheduledExecutorService callbacks = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "standin-callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private final OkHttpClient http = new OkHttpClient();
    private volatile Function<Received, List<String>> autoCallbacks;
    private volatile long callbackDelayMillis = 50;

    public ExotelStandIn() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                long started = System.nanoTime();
                Received call = record(request, started);
                MockResponse response = answer(call);
                long spent = System.nanoTime() - started;
                handlingNanos.addAndGet(spent);
                if (call.customer() != null) {
                    handlingByCustomer.put(call.customer(), spent);
                }
                return response;
            }
        });
        server.setServerSocketFactory(new NoDelayServerSockets());
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Exotel stand-in", e);
        }
    }

    /** The base URL to configure as EXOTEL_API_BASE_URL. */
    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(String customer) {
        return received.stream().filter(r -> customer.equals(r.customer())).toList();
    }

    /** The CallSid the stand-in gave this request, or null when it did not place a call. */
    public String sidOf(Received request) {
        return sids.get(request);
    }

    /** Answers calls to {@code customer} with {@code response} (every time). */
    public void respondFor(String customer, Function<Received, MockResponse> response) {
        byCustomer.put(customer, response);
    }

    /** How long the stand-in spent producing its answer to {@code customer}'s latest request. */
    public long handlingNanosFor(String customer) {
        return handlingByCustomer.getOrDefault(customer, 0L);
    }

    /**
     * After each successful placement, post these statuses (e.g. {@code ["answered", "completed"]})
     * as status callbacks; the function receives the request. Null turns callbacks off.
     */
    public void autoCallbacks(Function<Received, List<String>> statuses, long delayMillis) {
        this.callbackDelayMillis = delayMillis;
        this.autoCallbacks = statuses;
    }

    public static MockResponse success(String sid) {
        return json(
                200,
                "{\"Call\":{\"Sid\":\"" + sid + "\",\"ParentCallSid\":null,\"DateCreated\":\"2026-08-20 10:00:00\","
                        + "\"AccountSid\":\"" + SID + "\",\"Status\":\"in-progress\",\"Direction\":\"outbound-api\"}}");
    }

    public static MockResponse restException(int status, int code, String message) {
        return json(
                status,
                "{\"RestException\":{\"Status\":" + status + ",\"Code\":" + code + ",\"Message\":\"" + message
                        + "\"}}");
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse()
                .setResponseCode(status)
                .setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    /** Posts one status callback as Exotel does by default (multipart/form-data). */
    public void postCallback(String url, Map<String, String> fields) throws IOException {
        MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
        fields.forEach(body::addFormDataPart);
        try (Response response = http.newCall(
                        new Request.Builder().url(url).post(body.build()).build())
                .execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("callback answered " + response.code());
            }
        }
    }

    private Received record(RecordedRequest request, long started) {
        String body = request.getBody().readUtf8();
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                form.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        Received call = new Received(
                request.getMethod(),
                request.getPath(),
                request.getHeader("Authorization"),
                request.getHeader("Content-Type"),
                Collections.unmodifiableMap(form),
                started);
        received.add(call);
        return call;
    }

    private MockResponse answer(Received call) {
        String expectedAuth = okhttp3.Credentials.basic(KEY, TOKEN);
        if (!expectedAuth.equals(call.authorization())) {
            return restException(401, 20003, "Authentication Failed");
        }
        if (!call.path().equals("/v1/Accounts/" + SID + "/Calls/connect.json")) {
            return restException(404, 20404, "The requested resource was not found");
        }
        if (call.form().containsKey("To") && call.form().containsKey("Url")) {
            return restException(400, 34001, "To and Url cannot be sent together");
        }
        Function<Received, MockResponse> special = call.customer() == null ? null : byCustomer.get(call.customer());
        if (special != null) {
            return special.apply(call);
        }
        String sid = "standin" + String.format("%010d", sidCounter.incrementAndGet());
        sids.put(call, sid);
        scheduleCallbacks(call, sid);
        return success(sid);
    }

    private void scheduleCallbacks(Received call, String sid) {
        Function<Received, List<String>> statuses = autoCallbacks;
        String url = call.form().get("StatusCallback");
        if (statuses == null || url == null) {
            return;
        }
        List<String> sequence = new ArrayList<>(statuses.apply(call));
        long delay = callbackDelayMillis;
        for (int i = 0; i < sequence.size(); i++) {
            String status = sequence.get(i);
            boolean last = i == sequence.size() - 1;
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("CallSid", sid);
            fields.put("EventType", last ? "terminal" : "answered");
            fields.put("Status", last ? status : "in-progress");
            fields.put("CustomField", call.form().getOrDefault("CustomField", ""));
            fields.put("Legs[0][Status]", last ? status : "in-progress");
            callbacks.schedule(
                    () -> {
                        try {
                            postCallback(url, fields);
                        } catch (IOException e) {
                            // a dialer that is down misses the callback, as it would with Exotel
                        }
                    },
                    delay * (i + 1),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Total time spent inside the dispatcher, all requests together. */
    public long totalHandlingNanos() {
        return handlingNanos.get();
    }

    @Override
    public void close() throws IOException {
        callbacks.shutdownNow();
        server.shutdown();
    }
}
