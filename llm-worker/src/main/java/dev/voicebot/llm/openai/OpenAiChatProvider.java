package dev.voicebot.llm.openai;

import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.provider.ChatRequest;
import dev.voicebot.llm.provider.ChatStream;
import dev.voicebot.llm.provider.ChatStreamHandler;
import dev.voicebot.llm.provider.ProviderErrors;
import dev.voicebot.llm.provider.ProviderException;
import dev.voicebot.llm.provider.StreamSession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams chat completions from an OpenAI-compatible server. Requests run on OkHttp's dispatcher,
 * so callbacks arrive on its threads; cancelling cancels the HTTP call.
 */
public final class OpenAiChatProvider implements ChatProvider {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_ERROR_DETAIL = 300;
    /** Servers quote a (partly masked) key in 401 messages; none of it reaches a log or event. */
    private static final Pattern API_KEY_LIKE = Pattern.compile("sk-[A-Za-z0-9_*.\\-]{4,}");

    private final OpenAiSettings settings;
    private final OkHttpClient http;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final OpenAiRequestBody bodies = new OpenAiRequestBody(mapper);

    /**
     * @param shared the worker's one OkHttp client (its dispatcher and connection pool); this
     *     provider derives a client with its own timeouts from it
     */
    public OpenAiChatProvider(OpenAiSettings settings, OkHttpClient shared) {
        this.settings = settings;
        this.http = shared.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .build();
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public ChatStream stream(ChatRequest request, ChatStreamHandler handler) {
        StreamSession session = new StreamSession(handler);
        Request.Builder http = new Request.Builder()
                .url(settings.chatCompletionsUrl())
                .header("Accept", "text/event-stream")
                .post(RequestBody.create(bodies.write(request, settings), JSON));
        if (!settings.apiKey().isEmpty()) {
            http.header("Authorization", "Bearer " + settings.apiKey());
        }
        Call call = this.http.newCall(http.build());
        session.onCancel(call::cancel);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                session.fail(transportError(e, false));
            }

            @Override
            public void onResponse(Call done, Response response) {
                try (response) {
                    if (!response.isSuccessful()) {
                        session.fail(ProviderErrors.fromStatus(
                                response.code(), errorDetail(response.body()), retryAfterSeconds(response)));
                        return;
                    }
                    readStream(response.body(), session);
                }
            }
        });
        return session;
    }

    private void readStream(ResponseBody body, StreamSession session) {
        ChunkParser parser = new ChunkParser(mapper, session);
        try {
            boolean stopped = ServerSentEvents.read(body.source(), parser::accept);
            if (!stopped) {
                parser.endOfBody();
            }
        } catch (IOException e) {
            session.fail(transportError(e, true));
        }
    }

    /** OpenAI sends {@code retry-after-ms} next to the standard {@code Retry-After} (seconds). */
    private static String retryAfterSeconds(Response response) {
        String millis = response.header("retry-after-ms");
        if (millis != null) {
            try {
                return Double.toString(Double.parseDouble(millis.strip()) / 1000);
            } catch (NumberFormatException e) {
                // fall back to Retry-After
            }
        }
        return response.header("Retry-After");
    }

    private static ProviderException transportError(IOException e, boolean streaming) {
        ProviderException.Kind kind;
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            kind = ProviderException.Kind.TIMEOUT;
        } else {
            kind = streaming ? ProviderException.Kind.STREAM_BROKEN : ProviderException.Kind.CONNECTION;
        }
        return new ProviderException(kind, 0, e.getClass().getSimpleName() + ": " + e.getMessage(), null, e);
    }

    /** The server's error message ({@code error.message}), without echoing anything we sent. */
    private String errorDetail(ResponseBody body) {
        String text;
        try {
            text = body.string();
        } catch (IOException e) {
            return "(no body)";
        }
        try {
            String message = mapper.readTree(text).path("error").path("message").asString("");
            if (!message.isBlank()) {
                text = message;
            }
        } catch (JacksonException e) {
            // not JSON: keep the raw text
        }
        text = API_KEY_LIKE.matcher(text).replaceAll("sk-***");
        if (!settings.apiKey().isEmpty()) {
            text = text.replace(settings.apiKey(), "***");
        }
        return text.length() > MAX_ERROR_DETAIL ? text.substring(0, MAX_ERROR_DETAIL) + "..." : text;
    }
}
