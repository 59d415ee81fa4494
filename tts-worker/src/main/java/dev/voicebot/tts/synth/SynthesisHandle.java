package dev.voicebot.tts.synth;

/** A running synthesis. */
@FunctionalInterface
public interface SynthesisHandle {

    /** Stops it: see {@link SpeechSynthesizer} for what the listener sees. Safe to call repeatedly. */
    void cancel();
}
