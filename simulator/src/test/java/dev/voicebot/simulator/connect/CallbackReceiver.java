package dev.voicebot.simulator.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import tools.jackson.databind.JsonNode;

/**
 * A status-callback receiver on loopback (OkHttp MockWebServer): answers 200 (after a given number of failures) and
 * decodes each callback with OkHttp's own multipart reader or as JSON.
 */
final class CallbackReceiver implements AutoCloseable {

    private static final Pattern FIELD_NAME = Pattern.compile("name=\"([^\"]*)\"");

    /** One callback as received. */
    record Callback(String path, String contentType, Map<String, String> form, JsonNode json) {
        String field(String name) {
            return json != null ? json.path(name).asString() : form.get(name);
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    CallbackReceiver() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                return new MockResponse().setResponseCode(fail ? 500 : 200);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** The next {@code n} callbacks are answered 500. */
    void failNext(int n) {
        failuresLeft.set(n);
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getPort() + pathAndQuery;
    }

    int received() {
        return server.getRequestCount();
    }

    Callback next() throws Exception {
        RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no status callback within 10 s");
        }
        String type = request.getHeader("Content-Type");
        byte[] body = request.getBody().readByteArray();
        if (type != null && type.startsWith("application/json")) {
            return new Callback(request.getPath(), type, Map.of(), ApiClient.JSON.readTree(body));
        }
        return new Callback(request.getPath(), type, multipart(type, body), null);
    }

    Callback poll(long millis) throws Exception {
        RecordedRequest request = server.takeRequest(millis, TimeUnit.MILLISECONDS);
        return request == null
                ? null
                : new Callback(request.getPath(), request.getHeader("Content-Type"), Map.of(), null);
    }

    private static Map<String, String> multipart(String contentType, byte[] body) throws IOException {
        MediaType type = MediaType.get(contentType);
        Map<String, String> fields = new LinkedHashMap<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(body), type.parameter("boundary"))) {
            for (MultipartReader.Part next = reader.nextPart(); next != null; next = reader.nextPart()) {
                try (MultipartReader.Part part = next) {
                    Matcher name = FIELD_NAME.matcher(part.headers().get("Content-Disposition"));
                    if (!name.find()) {
                        throw new AssertionError("a part without a field name");
                    }
                    fields.put(name.group(1), part.body().readUtf8());
                }
            }
        }
        return fields;
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
