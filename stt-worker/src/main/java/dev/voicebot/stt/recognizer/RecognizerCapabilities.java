package dev.voicebot.stt.recognizer;

import java.util.Set;

/**
 * What a provider does.
 *
 * @param interimResults whether it reports partial transcripts while the caller speaks
 * @param endpointing whether it finds the end of an utterance by itself (without {@link
 *     RecognitionSession#flush()})
 * @param speechEvents whether it reports speech start and end from its own voice activity detection
 * @param sampleRates the audio rates it accepts; empty means any rate
 */
public record RecognizerCapabilities(
        boolean interimResults, boolean endpointing, boolean speechEvents, Set<Integer> sampleRates) {

    public RecognizerCapabilities {
        sampleRates = Set.copyOf(sampleRates);
    }

    public boolean supportsRate(int sampleRate) {
        return sampleRate > 0 && (sampleRates.isEmpty() || sampleRates.contains(sampleRate));
    }
}
