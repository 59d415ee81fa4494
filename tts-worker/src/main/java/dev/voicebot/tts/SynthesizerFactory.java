package dev.voicebot.tts;

import dev.voicebot.common.event.EventCodec;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the configured voice: the provider, the phrase cache in front of it, the embedded fallback behind it. */
final class SynthesizerFactory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SynthesizerFactory.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final TtsProperties properties;
    private final PhraseCache cache;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private OkHttpClient http;
    private MarySynthesizer mary;

    SynthesizerFactory(TtsProperties properties, PhraseCache cache) {
        this.properties = properties;
        this.cache = cache;
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
        SpeechSynthesizer voice = cached(primary);
        if (properties.fallbackToEmbedded() && !provider.equals("marytts")) {
            voice = new FallbackSynthesizer(voice, cached(mary()), properties.fallbackCooldown());
            log.info("TTS voice {} with MaryTTS as fallback", primary.voice());
        } else {
            log.info("TTS voice {}", primary.voice());
        }
        return voice;
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
                CONNECT_TIMEOUT);
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
            http = new OkHttpClient.Builder()
                    .connectTimeout(CONNECT_TIMEOUT)
                    .readTimeout(Duration.ofSeconds(10))
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
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
