package dev.voicebot.tts.synth.deepgram;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.audio.WavFile;
import dev.voicebot.common.event.EventCodec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import tools.jackson.databind.JsonNode;

/**
 * A local server speaking Deepgram Aura's REST API as documented: {@code POST /v1/speak} with
 * {@code Authorization: Token <key>}, a JSON body {@code {"text": …}}, and query parameters {@code
 * model}, {@code encoding=linear16}, {@code sample_rate}, {@code container}; the response streams
 * raw PCM (a WAV file when {@code container=wav}). Each request's audio lasts {@code audioMillis} and
 * is sent in 10 ms slices, one every {@code sliceDelayMillis}. Errors are JSON with {@code
 * err_code}, {@code err_msg} and {@code request_id}.
 *
 * <p>Scripted failures by text: {@code [429]} and {@code [500]} answer with that status; {@code
 * [drop]} breaks the connection in the middle of the audio.
 */
public final class FakeDeepgramServer implements AutoCloseable {

    public static final String KEY = "test-deepgram-key";

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    public FakeDeepgramServer(int audioMillis, int sliceDelayMillis) throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                if (!("Token " + KEY).equals(request.getHeader("Authorization"))) {
                    return error(401, "INVALID_AUTH", "Invalid credentials.");
                }
                if (!request.getMethod().equals("POST") || !request.getPath().startsWith("/v1/speak?")) {
                    return error(404, "NOT_FOUND", "no such endpoint");
                }
                JsonNode body = EventCodec.mapper().readTree(request.getBody().readUtf8());
                String text = body.path("text").asString("");
                if (text.isBlank()) {
                    return error(400, "Bad Request", "text is required");
                }
                if (text.contains("[429]")) {
                    return error(429, "TOO_MANY_REQUESTS", "Too many requests.");
                }
                if (text.contains("[hang]")) {
                    return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
                }
                if (text.contains("[500]")) {
                    return error(500, "INTERNAL_SERVER_ERROR", "Something went wrong.");
                }
                int rate = Integer.parseInt(request.getRequestUrl().queryParameter("sample_rate"));
                byte[] pcm = Pcm16.tone(rate, 250, audioMillis, 0.25);
                byte[] payload = "wav".equals(request.getRequestUrl().queryParameter("container"))
                        ? WavFile.toBytes(rate, pcm)
                        : pcm;
                MockResponse response = new MockResponse()
                        .setHeader("Content-Type", "application/octet-stream")
                        .setBody(new Buffer().write(payload))
                        .throttleBody(Pcm16.bytesFor(rate, 10), sliceDelayMillis, TimeUnit.MILLISECONDS);
                if (text.contains("[stall]")) {
                    response.throttleBody(Pcm16.bytesFor(rate, 100), 2, TimeUnit.SECONDS);
                }
                if (text.contains("[drop]")) {
                    response.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
                }
                return response;
            }
        });
        server.start();
    }

    public String baseUrl() {
        return server.url("/").toString();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }

    private static MockResponse error(int status, String code, String message) {
        return new MockResponse()
                .setResponseCode(status)
                .setHeader("Content-Type", "application/json")
                .setBody("{\"err_code\":\"" + code + "\",\"err_msg\":\"" + message
                        + "\",\"request_id\":\"5d2b8f52-0000-4000-8000-000000000000\"}");
    }
}
