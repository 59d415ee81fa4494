package dev.voicebot.tts;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.service.resilience.CircuitBreakers;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.cache.CacheWarmer;
import dev.voicebot.tts.synth.cache.PhraseCache;
import dev.voicebot.tts.synth.mary.MarySynthesizer;
import dev.voicebot.tts.worker.AudioPublisher;
import dev.voicebot.tts.worker.SegmentConsumer;
import dev.voicebot.tts.worker.SynthesisDispatcher;
import dev.voicebot.tts.worker.TextPreparer;
import dev.voicebot.tts.worker.WorkerMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** The worker's parts: the voice, the phrase cache, the dispatcher and the Kafka consumer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TtsProperties.class)
class TtsConfiguration {

    /** A line still not spoken after this long is left out of the cache (MaryTTS says one in about 1 s). */
    private static final Duration PREWARM_PIECE_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    PhraseCache phraseCache(TtsProperties properties) {
        TtsProperties.Cache cache = properties.cache();
        return new PhraseCache(
                cache.maxSize().toBytes(), (int) cache.maxEntrySize().toBytes());
    }

    @Bean
    MeterBinder phraseCacheMetrics(PhraseCache cache) {
        return registry -> {
            Gauge.builder("tts.phrase.cache.bytes", cache, PhraseCache::bytes)
                    .description("audio held by the phrase cache")
                    .baseUnit("bytes")
                    .register(registry);
            Gauge.builder("tts.phrase.cache.entries", cache, PhraseCache::entries)
                    .register(registry);
            FunctionCounter.builder("tts.phrase.cache.hits", cache, PhraseCache::hits)
                    .register(registry);
            FunctionCounter.builder("tts.phrase.cache.misses", cache, PhraseCache::misses)
                    .register(registry);
            FunctionCounter.builder("tts.phrase.cache.evictions", cache, PhraseCache::evictions)
                    .register(registry);
        };
    }

    @Bean(destroyMethod = "close")
    SynthesizerFactory synthesizerFactory(
            TtsProperties properties, PhraseCache cache, ObjectProvider<CircuitBreakers> breakers) {
        return new SynthesizerFactory(properties, cache, breakers.getIfAvailable(CircuitBreakers::unmetered));
    }

    @Bean
    SpeechSynthesizer speechSynthesizer(SynthesizerFactory factory) {
        return factory.create();
    }

    @Bean
    MeterBinder embeddedVoiceMetrics(SynthesizerFactory factory) {
        return registry -> Gauge.builder("tts.marytts.abandoned.readers", factory, f -> f.embedded()
                        .map(MarySynthesizer::abandonedReaders)
                        .orElse(0L))
                .description("MaryTTS syntheses given up on because Mary's stream stopped producing")
                .register(registry);
    }

    @Bean
    WorkerMetrics workerMetrics(MeterRegistry registry) {
        return new WorkerMetrics(registry);
    }

    @Bean
    AudioPublisher audioPublisher(KafkaTemplate<String, byte[]> template) {
        return new AudioPublisher(template);
    }

    @Bean(destroyMethod = "close")
    SynthesisDispatcher synthesisDispatcher(
            SpeechSynthesizer synthesizer, AudioPublisher publisher, WorkerMetrics metrics, TtsProperties properties) {
        return new SynthesisDispatcher(
                synthesizer,
                publisher,
                new TextPreparer(properties.maxPieceChars()),
                metrics,
                properties.workerThreads(),
                properties.minRecordMillis(),
                properties.maxRecordMillis(),
                properties.callIdleTimeout());
    }

    @Bean(destroyMethod = "close")
    CacheWarmer cacheWarmer(TtsProperties properties, SpeechSynthesizer synthesizer, PhraseCache cache) {
        TextPreparer text = new TextPreparer(properties.maxPieceChars());
        CacheWarmer warmer = new CacheWarmer(
                synthesizer,
                cache,
                segment -> text.pieces(segment, synthesizer.capabilities().alphabet()),
                properties.cache().prewarmRates(),
                PREWARM_PIECE_TIMEOUT);
        TtsProperties.Cache settings = properties.cache();
        if (settings.enabled() && settings.prewarm()) {
            AgentScript script = AgentScript.fromLocation(settings.prewarmScript());
            warmer.start(script.greetings(), script.botLines(), standbyLines(settings, script));
        } else {
            warmer.close();
        }
        return warmer;
    }

    /**
     * The lines the llm-worker says as one segment each: its apology for a failed provider (the
     * script's fallback line when it runs the script, else {@code LLM_FALLBACK_LINE}) and its filler.
     */
    private static List<String> standbyLines(TtsProperties.Cache settings, AgentScript script) {
        return List.of(script.render(script.lines().fallback()), settings.fallbackLine(), settings.fillerLine());
    }

    /** Ready once the greetings are in the phrase cache, so a call placed at once is greeted from memory. */
    @Bean
    HealthIndicator phraseCacheHealthIndicator(CacheWarmer warmer, TtsProperties properties) {
        boolean warming = properties.cache().enabled() && properties.cache().prewarm();
        return () -> {
            if (!warming) {
                return Health.up().withDetail("prewarm", "off").build();
            }
            Health.Builder health = warmer.greetingsSettled() ? Health.up() : Health.outOfService();
            return health.withDetail("greetingsCached", warmer.greetingsSettled())
                    .withDetail("piecesWarmed", warmer.piecesWarmed())
                    .withDetail("piecesFailed", warmer.piecesFailed())
                    .withDetail("finished", warmer.finished())
                    .build();
        };
    }

    @Bean
    SegmentConsumer segmentConsumer(SynthesisDispatcher dispatcher) {
        return new SegmentConsumer(dispatcher);
    }
}
