package dev.voicebot.tts;

import dev.voicebot.common.script.StandardLines;
import dev.voicebot.tts.synth.SynthesisRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the TTS worker ({@code voicebot.tts.*}); every field has a default, see {@code
 * application.yml} for the environment variables that set them.
 *
 * @param provider {@code auto} (Cartesia when {@code CARTESIA_API_KEY} is set, else Deepgram when
 *     {@code DEEPGRAM_API_KEY} is set, else MaryTTS), {@code marytts}, {@code cartesia} or {@code deepgram}
 * @param fallbackToEmbedded speak with MaryTTS when the cloud voice fails before any audio of a
 *     piece, or while its circuit breaker is open ({@code voicebot.breaker.*})
 * @param timeouts how long a cloud voice may keep a piece waiting
 * @param workerThreads threads that start syntheses and publish cached lines
 * @param maxPieceChars longer text is cut at sentence boundaries into pieces of at most this many characters
 * @param minRecordMillis audio is published as soon as this much is ready
 * @param maxRecordMillis no audio record is longer than this
 * @param callIdleTimeout a call's state is dropped after this long without segments
 */
@ConfigurationProperties("voicebot.tts")
public record TtsProperties(
        String provider,
        Boolean fallbackToEmbedded,
        Timeouts timeouts,
        Integer workerThreads,
        Integer maxPieceChars,
        Integer minRecordMillis,
        Integer maxRecordMillis,
        Duration callIdleTimeout,
        Cache cache,
        Mary mary,
        Cartesia cartesia,
        Deepgram deepgram) {

    public TtsProperties {
        provider = provider == null || provider.isBlank()
                ? "auto"
                : provider.strip().toLowerCase(Locale.ROOT);
        fallbackToEmbedded = fallbackToEmbedded != null && fallbackToEmbedded;
        timeouts = timeouts == null ? new Timeouts(null, null, null) : timeouts;
        workerThreads = workerThreads == null ? 4 : workerThreads;
        maxPieceChars = maxPieceChars == null ? 250 : maxPieceChars;
        minRecordMillis = minRecordMillis == null ? 40 : minRecordMillis;
        maxRecordMillis = maxRecordMillis == null ? 500 : maxRecordMillis;
        callIdleTimeout = callIdleTimeout == null ? Duration.ofMinutes(10) : callIdleTimeout;
        cache = cache == null ? new Cache(null, null, null, null, null, null, null, null) : cache;
        mary = mary == null ? new Mary(null, null, null) : mary;
        cartesia = cartesia == null ? new Cartesia(null, null, null, null, null, null, null) : cartesia;
        deepgram = deepgram == null ? new Deepgram(null, null, null) : deepgram;
        if (workerThreads < 1 || minRecordMillis < 1 || maxRecordMillis < minRecordMillis) {
            throw new IllegalArgumentException(
                    "voicebot.tts: worker-threads must be >= 1 and 1 <= min-record-millis <= max-record-millis");
        }
    }

    /**
     * @param connect to open a cloud voice's connection (HTTP or WebSocket handshake)
     * @param firstAudio a piece with no audio by then has failed (and goes to the embedded voice
     *     when that is configured)
     * @param stall a piece whose audio stops for this long has failed
     */
    public record Timeouts(Duration connect, Duration firstAudio, Duration stall) {
        public Timeouts {
            connect = connect == null ? Duration.ofSeconds(3) : connect;
            firstAudio = firstAudio == null ? Duration.ofSeconds(3) : firstAudio;
            stall = stall == null ? Duration.ofSeconds(3) : stall;
        }
    }

    /**
     * @param enabled replay lines already synthesized
     * @param maxSize audio kept in memory, at most
     * @param maxEntrySize longer lines are not kept
     * @param prewarm fill the cache at start-up, in the background, at {@code prewarmRates}: the
     *     fixed lines of {@code prewarmScript} (greetings first), then the standby lines (the
     *     apology {@code fallbackLine} and the script's fallback line, the {@code fillerLine})
     * @param prewarmScript the agent script whose lines are warmed: a file path or {@code
     *     classpath:<resource>}; the same one the scripted agent speaks from
     * @param prewarmRates the call rates to warm, in Hz
     * @param fallbackLine {@code LLM_FALLBACK_LINE}, as the LLM worker reads it
     * @param fillerLine {@code LLM_FILLER_LINE}, as the LLM worker reads it
     */
    public record Cache(
            Boolean enabled,
            DataSize maxSize,
            DataSize maxEntrySize,
            Boolean prewarm,
            String prewarmScript,
            List<Integer> prewarmRates,
            String fallbackLine,
            String fillerLine) {
        public Cache {
            enabled = enabled == null || enabled;
            maxSize = maxSize == null ? DataSize.ofMegabytes(64) : maxSize;
            maxEntrySize = maxEntrySize == null ? DataSize.ofMegabytes(1) : maxEntrySize;
            prewarm = prewarm == null || prewarm;
            prewarmScript = prewarmScript == null || prewarmScript.isBlank()
                    ? "classpath:scripts/appointments.yaml"
                    : prewarmScript.strip();
            prewarmRates =
                    prewarmRates == null || prewarmRates.isEmpty() ? List.of(8000, 16000) : List.copyOf(prewarmRates);
            fallbackLine = blankToDefault(fallbackLine, StandardLines.FALLBACK);
            fillerLine = blankToDefault(fillerLine, StandardLines.FILLER);
            for (int rate : prewarmRates) {
                if (rate < SynthesisRequest.MIN_SAMPLE_RATE || rate > SynthesisRequest.MAX_SAMPLE_RATE) {
                    throw new IllegalArgumentException("voicebot.tts.cache.prewarm-rates: " + rate + " Hz is outside "
                            + SynthesisRequest.MIN_SAMPLE_RATE + ".." + SynthesisRequest.MAX_SAMPLE_RATE);
                }
            }
        }
    }

    /**
     * @param baseDir MaryTTS's own folder ({@code mary.base}); it writes a log folder there
     * @param maxConcurrent syntheses running at once; Mary is CPU-bound
     * @param stallTimeout a synthesis producing nothing for this long has failed
     */
    public record Mary(Path baseDir, Integer maxConcurrent, Duration stallTimeout) {
        public Mary {
            baseDir = baseDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "voicebot-marytts") : baseDir;
            maxConcurrent =
                    maxConcurrent == null ? Math.max(2, Runtime.getRuntime().availableProcessors()) : maxConcurrent;
            stallTimeout = stallTimeout == null ? Duration.ofSeconds(10) : stallTimeout;
        }
    }

    public record Cartesia(
            String url,
            String apiKey,
            String version,
            String model,
            String voiceId,
            String language,
            Duration continuationWindow) {
        public Cartesia {
            url = blankToDefault(url, "wss://api.cartesia.ai/tts/websocket");
            version = blankToDefault(version, "2024-11-13");
            model = blankToDefault(model, "sonic-2");
            voiceId = blankToDefault(voiceId, "a0e99841-438c-4a64-b679-ae501e7d6091");
            language = blankToDefault(language, "en");
            continuationWindow = continuationWindow == null ? Duration.ofMillis(700) : continuationWindow;
        }

        @Override
        public String toString() {
            return "Cartesia[url=" + url + ", model=" + model + ", voiceId=" + voiceId + ", key "
                    + (apiKey == null || apiKey.isBlank() ? "unset" : "set") + "]";
        }
    }

    public record Deepgram(String url, String apiKey, String model) {
        public Deepgram {
            url = blankToDefault(url, "https://api.deepgram.com");
            model = blankToDefault(model, "aura-2-thalia-en");
        }

        @Override
        public String toString() {
            return "Deepgram[url=" + url + ", model=" + model + ", key "
                    + (apiKey == null || apiKey.isBlank() ? "unset" : "set") + "]";
        }
    }

    /** The provider {@code auto} stands for, given the keys that are set. */
    public String effectiveProvider() {
        if (!provider.equals("auto")) {
            return provider;
        }
        if (hasText(cartesia.apiKey())) {
            return "cartesia";
        }
        return hasText(deepgram.apiKey()) ? "deepgram" : "marytts";
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
