package dev.voicebot.stt;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's settings, {@code voicebot.stt.*}; application.yml maps the environment variables.
 *
 * @param provider {@code pocketsphinx} (embedded, default), {@code deepgram} or {@code vosk}
 * @param script the agent script whose caller phrases the embedded recognizer listens for: a file
 *     path or {@code classpath:<resource>}
 * @param vad {@code energy} (default) or {@code silero}
 * @param idleTimeout a call's session closes after this long without audio
 * @param takeoverLookback how much audio before its committed offset a worker re-reads from a
 *     partition it takes over, to hear the start of an utterance the previous owner was hearing:
 *     at least the longest utterance plus the session timeout
 * @param fallbackToEmbedded with a cloud recognizer: PocketSphinx, listening for the script's
 *     phrases, takes a call whose cloud session failed, and every new call while the cloud's
 *     circuit breaker is open
 */
@ConfigurationProperties("voicebot.stt")
public record SttProperties(
        String provider,
        String script,
        String vad,
        Path sileroModel,
        Energy energy,
        Turn turn,
        Boolean publishPartials,
        Integer maxRestarts,
        Duration restartBackoff,
        Duration idleTimeout,
        Duration takeoverLookback,
        PocketSphinx pocketsphinx,
        Deepgram deepgram,
        Vosk vosk,
        Boolean fallbackToEmbedded) {

    public SttProperties {
        provider = provider == null || provider.isBlank() ? "pocketsphinx" : provider.strip();
        script = script == null || script.isBlank() ? "classpath:scripts/appointments.yaml" : script.strip();
        vad = vad == null || vad.isBlank() ? "energy" : vad.strip();
        energy = energy == null ? new Energy(null, null) : energy;
        turn = turn == null ? new Turn(null, null, null, null) : turn;
        publishPartials = publishPartials != null && publishPartials;
        maxRestarts = maxRestarts == null ? 3 : maxRestarts;
        restartBackoff = restartBackoff == null ? Duration.ofSeconds(1) : restartBackoff;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(30) : idleTimeout;
        takeoverLookback = takeoverLookback == null ? Duration.ofSeconds(25) : takeoverLookback;
        pocketsphinx = pocketsphinx == null ? new PocketSphinx(null, null, null, null, null, null) : pocketsphinx;
        deepgram = deepgram == null ? new Deepgram(null, null, null, null, null, null, null, null) : deepgram;
        vosk = vosk == null ? new Vosk(null, null) : vosk;
        fallbackToEmbedded = fallbackToEmbedded != null && fallbackToEmbedded;
    }

    /**
     * @param floorRatio speech is this far above the adaptive noise floor
     * @param minimumRms and at least this loud (sample units of 32768)
     */
    public record Energy(Double floorRatio, Double minimumRms) {
        public Energy {
            floorRatio = floorRatio == null ? 3.0 : floorRatio;
            minimumRms = minimumRms == null ? 150.0 : minimumRms;
        }
    }

    /** See {@link dev.voicebot.stt.vad.TurnSettings}. */
    public record Turn(Duration minSpeech, Duration endOfTurnSilence, Duration preRoll, Duration maxUtterance) {
        public Turn {
            minSpeech = minSpeech == null ? Duration.ofMillis(100) : minSpeech;
            endOfTurnSilence = endOfTurnSilence == null ? Duration.ofMillis(500) : endOfTurnSilence;
            preRoll = preRoll == null ? Duration.ofMillis(300) : preRoll;
            maxUtterance = maxUtterance == null ? Duration.ofSeconds(15) : maxUtterance;
        }
    }

    /** See {@link dev.voicebot.stt.recognizer.pocketsphinx.PocketSphinxSettings}. */
    public record PocketSphinx(
            Path model,
            Path dictionary,
            Integer initialDecoders,
            Integer maxDecoders,
            Duration decoderWait,
            Double rejectBelow) {}

    /**
     * @param apiKey DEEPGRAM_API_KEY
     * @param url the live endpoint (a local server in tests)
     * @param connectTimeout to connect and complete the WebSocket handshake, per attempt
     * @param finalizeTimeout how long a turn's result may take after {@code Finalize}; then the turn
     *     gets what had arrived (an empty transcript when nothing did)
     */
    public record Deepgram(
            String apiKey,
            String url,
            String model,
            String language,
            Integer endpointingMs,
            Integer utteranceEndMs,
            Duration connectTimeout,
            Duration finalizeTimeout) {}

    /**
     * @param modelPath VOSK_MODEL_PATH: an unpacked Vosk model folder
     * @param useScriptGrammar decode against the script's phrases instead of free-form
     */
    public record Vosk(Path modelPath, Boolean useScriptGrammar) {
        public Vosk {
            useScriptGrammar = useScriptGrammar != null && useScriptGrammar;
        }
    }
}
