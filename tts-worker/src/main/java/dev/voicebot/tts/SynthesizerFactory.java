package dev.voicebot.tts;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.service.resilience.CircuitBreakers;
import dev.voicebot.tts.synth.BreakerSynthesizer;
import dev.voicebot.tts.synth.DeadlineSynthesizer;
import dev.voicebot.tts.synth.FallbackSynthesizer;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.cache.CachingSynthesizer;
import dev.voicebot.tts.synth.cache.PhraseCache;
import dev.voicebot.tts.synth.cartesia.CartesiaSettings;
import dev.voicebot.tts.synth.cartesia.CartesiaSynthesizer;
import dev.voicebot.tts.synth.deepgram.DeepgramAuraSynthesizer;
import dev.voicebot.tts.synth.deepgram.DeepgramSettings;
import dev.voicebot.tts.synth.mary.MaryEngine;
import dev.voicebot.tts.synth.mary.MarySynthesizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the configured voice. A cloud voice is layered: the phrase cache in front (a line already
 * said plays from memory whatever the provider's state), then its circuit breaker (open: fail at
 * once), then its deadlines (first audio, stall), then the provider; the embedded fallback, when
 * configured, takes every piece that layer fails before any audio.
 */
final class SynthesizerFactory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SynthesizerFactory.class);

    private final TtsProperties properties;
    private final PhraseCache cache;
    private final CircuitBreakers breakers;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private ScheduledExecutorService deadlines;
    private OkHttpClient http;
    private MarySynthesizer mary;

    SynthesizerFactory(TtsProperties properties, PhraseCache cache, CircuitBreakers breakers) {
        this.properties = properties;
        this.cache = cache;
        this.breakers = breakers;
    }

    SpeechSynthesizer create() {
        String provider = properties.effectiveProvider();
        SpeechSynthesizer primary =
                switch (provider) {
                    case "marytts" -> mary();
                    case "cartesia" -> cartesia();
                    case "deepgram" -> deepgram();
                    default ->
                        throw new IllegalArgumentException("voicebot.tts.provider must be auto, marytts, cartesia or"
                                + " deepgram, not '" + provider + "'");
                };
        if (provider.equals("marytts")) {
            // nothing to be down: lines are cached as they are first said
            log.info("TTS voice {}", primary.voice());
            return cached(primary);
        }
        TtsProperties.Timeouts timeouts = properties.timeouts();
        SpeechSynthesizer voice = cached(new BreakerSynthesizer(
                new DeadlineSynthesizer(primary, timeouts.firstAudio(), timeouts.stall(), deadlines()),
                breakers.create("tts", provider)));
        if (properties.fallbackToEmbedded()) {
            voice = new FallbackSynthesizer(voice, cached(mary()));
            log.info("TTS voice {} with MaryTTS as fallback", primary.voice());
        } else {
            log.info("TTS voice {}", primary.voice());
        }
        return voice;
    }

    private ScheduledExecutorService deadlines() {
        if (deadlines == null) {
            deadlines = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("tts-deadlines").factory());
        }
        return deadlines;
    }

    private SpeechSynthesizer cached(SpeechSynthesizer synthesizer) {
        if (!properties.cache().enabled()) {
            return synthesizer;
        }
        return new CachingSynthesizer(
                synthesizer, cache, (int) properties.cache().maxEntrySize().toBytes());
    }

    private MarySynthesizer mary() {
        if (mary == null) {
            TtsProperties.Mary settings = properties.mary();
            MaryEngine engine = MaryEngine.start(settings.baseDir());
            mary = new MarySynthesizer(engine, settings.maxConcurrent(), settings.stallTimeout());
            resources.add(mary);
        }
        return mary;
    }

    /** The embedded voice, if the configuration uses it (after {@link #create()}). */
    Optional<MarySynthesizer> embedded() {
        return Optional.ofNullable(mary);
    }

    private CartesiaSynthesizer cartesia() {
        TtsProperties.Cartesia c = properties.cartesia();
        var settings = new CartesiaSettings(
                c.url(),
                c.apiKey(),
                c.version(),
                c.model(),
                c.voiceId(),
                c.language(),
                c.continuationWindow(),
                properties.timeouts().connect());
        CartesiaSynthesizer cartesia = new CartesiaSynthesizer(http(), settings, EventCodec.mapper());
        resources.add(cartesia);
        cartesia.connect();
        return cartesia;
    }

    private DeepgramAuraSynthesizer deepgram() {
        TtsProperties.Deepgram d = properties.deepgram();
        return new DeepgramAuraSynthesizer(
                http(), new DeepgramSettings(d.url(), d.apiKey(), d.model()), EventCodec.mapper());
    }

    private OkHttpClient http() {
        if (http == null) {
            // The read timeout bounds the HTTP response and the WebSocket handshake; a piece's own
            // first-audio and stall deadlines are the DeadlineSynthesizer's. Pings find a dead socket.
            TtsProperties.Timeouts timeouts = properties.timeouts();
            http = new OkHttpClient.Builder()
                    .connectTimeout(timeouts.connect())
                    .readTimeout(timeouts.firstAudio().plus(timeouts.stall()))
                    .pingInterval(20, TimeUnit.SECONDS)
                    .build();
        }
        return http;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        if (deadlines != null) {
            deadlines.shutdownNow();
        }
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
