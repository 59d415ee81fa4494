package dev.voicebot.tts.synth;

import dev.voicebot.common.audio.Resampler;
import dev.voicebot.common.audio.Resamplers;

/**
 * Turns an engine's byte stream (at the engine's rate, split anywhere, even mid-sample) into
 * whole-sample audio at the requested rate, through the shared anti-alias resampler when the rates
 * differ. Not thread-safe: fed by the one thread that reads the engine.
 */
public final class EngineAudio {

    private final Resampler resampler;
    private final SynthesisGuard guard;

    public EngineAudio(int engineRate, int requestedRate, SynthesisGuard guard) {
        this.resampler = Resamplers.create(engineRate, requestedRate);
        this.guard = guard;
    }

    /** Forwards what can be forwarded now; false once the request has ended (stop feeding). */
    public boolean accept(byte[] bytes) {
        if (guard.ended()) {
            return false;
        }
        return guard.audio(resampler.process(bytes));
    }

    /** The engine finished: forwards the resampler's tail and completes the request. */
    public void finish() {
        if (guard.ended()) {
            return;
        }
        guard.audio(resampler.flush());
        guard.complete();
    }
}
