package dev.voicebot.tts.synth.deepgram;

import dev.voicebot.tts.synth.EngineAudio;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.synth.SynthesisException.Kind;
import dev.voicebot.tts.synth.SynthesisGuard;
import dev.voicebot.tts.synth.SynthesisHandle;
import dev.voicebot.tts.synth.SynthesisListener;
import dev.voicebot.tts.synth.SynthesisRequest;
import dev.voicebot.tts.synth.SynthesizerCapabilities;
import dev.voicebot.tts.text.VoiceAlphabet;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Set;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deepgram Aura over the REST endpoint {@code POST /v1/speak} with {@code encoding=linear16},
 * {@code container=none} and the call's {@code sample_rate}: the response body streams raw PCM as
 * it is generated, and is forwarded as it arrives. Cancelling cancels the HTTP call.
 */
public final class DeepgramAuraSynthesizer implements SpeechSynthesizer {

    static final Set<Integer> NATIVE_RATES = Set.of(8000, 16000, 24000, 32000, 48000);
    private static final SynthesizerCapabilities CAPABILITIES =
            new SynthesizerCapabilities(false, NATIVE_RATES, VoiceAlphabet.ANY_SCRIPT);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int READ_BYTES = 3200;

    private final OkHttpClient client;
    private final DeepgramSettings settings;
    private final JsonMapper json;
    private final HttpUrl speakUrl;

    public DeepgramAuraSynthesizer(OkHttpClient client, DeepgramSettings settings, JsonMapper json) {
        this.client = client;
        this.settings = settings;
        this.json = json;
        HttpUrl base = HttpUrl.parse(settings.baseUrl());
        if (base == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + settings.baseUrl());
        }
        this.speakUrl = base.newBuilder().addPathSegments("v1/speak").build();
    }

    @Override
    public String provider() {
        return "deepgram";
    }

    @Override
    public String voice() {
        return "deepgram/" + settings.model();
    }

    @Override
    public SynthesizerCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public SynthesisHandle synthesize(SynthesisRequest request, SynthesisListener listener) {
        SynthesisGuard guard = new SynthesisGuard(listener);
        if (request.text().isBlank()) {
            guard.fail(new SynthesisException(Kind.INVALID_REQUEST, "nothing to say: the text is blank"));
            return guard::cancel;
        }
        int engineRate = CAPABILITIES.engineRateFor(request.sampleRate());
        HttpUrl url = speakUrl.newBuilder()
                .addQueryParameter("model", settings.model())
                .addQueryParameter("encoding", "linear16")
                .addQueryParameter("sample_rate", Integer.toString(engineRate))
                .addQueryParameter("container", "none")
                .build();
        String body = json.writeValueAsString(json.createObjectNode().put("text", request.text()));
        Call call = client.newCall(new Request.Builder()
                .url(url)
                .header("Authorization", "Token " + settings.apiKey())
                .post(RequestBody.create(body, JSON))
                .build());
        call.enqueue(new Streamer(guard, new EngineAudio(engineRate, request.sampleRate(), guard)));
        return () -> {
            if (guard.cancel()) {
                call.cancel();
            }
        };
    }

    private final class Streamer implements Callback {

        private final SynthesisGuard guard;
        private final EngineAudio audio;

        Streamer(SynthesisGuard guard, EngineAudio audio) {
            this.guard = guard;
            this.audio = audio;
        }

        @Override
        public void onFailure(Call call, IOException e) {
            guard.fail(new SynthesisException(
                    e instanceof InterruptedIOException ? Kind.TIMEOUT : Kind.CONNECTIVITY,
                    "Deepgram request failed: " + e.getMessage(),
                    e));
        }

        @Override
        public void onResponse(Call call, Response response) {
            try (response) {
                if (!response.isSuccessful()) {
                    guard.fail(errorOf(response));
                    return;
                }
                WavHeaderSkipper header = new WavHeaderSkipper();
                byte[] buffer = new byte[READ_BYTES];
                InputStream body = response.body().byteStream();
                for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                    if (!audio.accept(header.strip(buffer, n))) {
                        call.cancel();
                        return;
                    }
                }
                audio.finish();
            } catch (IOException e) {
                guard.fail(
                        new SynthesisException(Kind.CONNECTIVITY, "Deepgram audio stream broke: " + e.getMessage(), e));
            }
        }

        /** Deepgram errors are JSON with err_code/err_msg or category/message, plus a request_id. */
        private SynthesisException errorOf(Response response) throws IOException {
            int status = response.code();
            StringBuilder detail = new StringBuilder("Deepgram HTTP ").append(status);
            try {
                JsonNode error = json.readTree(response.peekBody(4096).string());
                for (String field : new String[] {"err_code", "category", "err_msg", "message", "request_id"}) {
                    String value = error.path(field).asString("");
                    if (!value.isBlank()) {
                        detail.append(field.equals("request_id") ? " request " : ": ")
                                .append(value);
                    }
                }
            } catch (RuntimeException notJson) {
                // the status alone still classifies the failure
            }
            return new SynthesisException(SynthesisException.kindOfHttpStatus(status), detail.toString());
        }
    }
}
