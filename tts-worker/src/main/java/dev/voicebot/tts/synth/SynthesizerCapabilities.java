package dev.voicebot.tts.synth;

import dev.voicebot.tts.text.VoiceAlphabet;
import java.util.Set;

/**
 * What a synthesizer can do, so the worker can prepare text and callers can choose well.
 *
 * @param streamingTextInput whether pieces sent in one context continue one utterance (prosody
 *     carries over) rather than being spoken independently
 * @param nativeSampleRates rates produced without resampling; any other requested rate is
 *     resampled inside the synthesizer
 * @param alphabet which characters the voice can say
 */
public record SynthesizerCapabilities(
        boolean streamingTextInput, Set<Integer> nativeSampleRates, VoiceAlphabet alphabet) {

    public SynthesizerCapabilities {
        nativeSampleRates = Set.copyOf(nativeSampleRates);
        if (nativeSampleRates.isEmpty()) {
            throw new IllegalArgumentException("a synthesizer produces audio at one rate at least");
        }
    }

    /** The native rate to ask the engine for when {@code wanted} is not native: the nearest higher one, else the highest. */
    public int engineRateFor(int wanted) {
        if (nativeSampleRates.contains(wanted)) {
            return wanted;
        }
        return nativeSampleRates.stream()
                .filter(rate -> rate > wanted)
                .min(Integer::compare)
                .orElseGet(
                        () -> nativeSampleRates.stream().max(Integer::compare).orElseThrow());
    }
}
