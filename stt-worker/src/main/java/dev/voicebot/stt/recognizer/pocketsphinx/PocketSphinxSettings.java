package dev.voicebot.stt.recognizer.pocketsphinx;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the embedded recognizer runs.
 *
 * @param acousticModel the acoustic model folder
 * @param dictionary the pronouncing dictionary
 * @param initialDecoders decoders created at start-up (each about 0.26 s and 30-40 MB)
 * @param maximumDecoders the most utterances decoded at the same time
 * @param decoderWait how long an utterance waits for a free decoder before it is given up
 * @param rejectBelow hypotheses whose per-frame log-likelihood ratio against a free phone loop is
 *     below this are rejected as out of grammar (see {@link UtteranceDecoder}); lower accepts more
 * @param partialInterval how often a partial transcript is taken while the caller speaks
 */
public record PocketSphinxSettings(
        Path acousticModel,
        Path dictionary,
        int initialDecoders,
        int maximumDecoders,
        Duration decoderWait,
        double rejectBelow,
        Duration partialInterval) {

    public static final Path DEBIAN_MODEL = Path.of("/usr/share/pocketsphinx/model/en-us/en-us");
    public static final Path DEBIAN_DICTIONARY = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");

    /** Midway between the worst correct (-9.7) and the best out-of-grammar (-11.7) ratio measured on the corpus. */
    public static final double DEFAULT_REJECT_BELOW = -10.7;

    public PocketSphinxSettings {
        if (maximumDecoders < 1 || initialDecoders < 0 || initialDecoders > maximumDecoders) {
            throw new IllegalArgumentException("pocketsphinx needs 0 <= initial decoders <= maximum decoders and at"
                    + " least one decoder, got " + initialDecoders + " and " + maximumDecoders);
        }
    }

    public static PocketSphinxSettings defaults() {
        return new PocketSphinxSettings(
                DEBIAN_MODEL,
                DEBIAN_DICTIONARY,
                1,
                8,
                Duration.ofSeconds(2),
                DEFAULT_REJECT_BELOW,
                Duration.ofMillis(300));
    }

    public PocketSphinxSettings withRejectBelow(double ratio) {
        return new PocketSphinxSettings(
                acousticModel, dictionary, initialDecoders, maximumDecoders, decoderWait, ratio, partialInterval);
    }
}
