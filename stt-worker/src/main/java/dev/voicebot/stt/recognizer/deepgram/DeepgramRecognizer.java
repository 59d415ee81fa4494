package dev.voicebot.stt.recognizer.deepgram;

import dev.voicebot.stt.recognizer.FailedSession;
import dev.voicebot.stt.recognizer.RecognitionException;
import dev.voicebot.stt.recognizer.RecognitionListener;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.RecognizerCapabilities;
import dev.voicebot.stt.recognizer.SessionEvents;
import dev.voicebot.stt.recognizer.SessionSpec;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deepgram live streaming, one WebSocket per call. Linear16 audio goes at the call's own rate (no
 * resampling); see {@link DeepgramSession} for keepalive, reconnect and closing. When Deepgram
 * refuses the key, every session for the next {@link DeepgramSettings#refusalCooldown()} fails at
 * once with the same error instead of asking again.
 */
public final class DeepgramRecognizer implements SpeechRecognizer {

    public static final String NAME = "deepgram";

    private static final Logger log = LoggerFactory.getLogger(DeepgramRecognizer.class);

    private final DeepgramSettings settings;
    private final OkHttpClient client;
    private final ScheduledExecutorService timers;
    private volatile RecognitionException refusal;
    private volatile long refusedUntilNanos;

    public DeepgramRecognizer(DeepgramSettings settings) {
        this.settings = settings;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // bounds the handshake's response; OkHttp clears it once the socket is upgraded
                .readTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .pingInterval(0, TimeUnit.MILLISECONDS)
                .build();
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deepgram-timers");
            thread.setDaemon(true);
            return thread;
        });
        log.info("deepgram recognizer: {}", settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RecognizerCapabilities capabilities() {
        return new RecognizerCapabilities(true, true, true, Set.of());
    }

    @Override
    public RecognitionSession open(SessionSpec spec, RecognitionListener listener) {
        RecognitionException refused = refusal;
        if (refused != null && System.nanoTime() < refusedUntilNanos) {
            return new FailedSession(new SessionEvents(NAME, spec, listener), refused);
        }
        DeepgramSession session = new DeepgramSession(spec, listener, settings, client, timers, this::refused);
        session.connect();
        return session;
    }

    /** Remembers a refused key so the next calls fail fast; logs it once per cooldown. */
    private void refused(RecognitionException cause) {
        boolean first = refusal == null || System.nanoTime() >= refusedUntilNanos;
        refusal = cause;
        refusedUntilNanos = System.nanoTime() + settings.refusalCooldown().toNanos();
        if (first) {
            log.error(
                    "{} New calls fail without contacting Deepgram for {} s. Check DEEPGRAM_API_KEY.",
                    cause.getMessage(),
                    settings.refusalCooldown().toSeconds());
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
