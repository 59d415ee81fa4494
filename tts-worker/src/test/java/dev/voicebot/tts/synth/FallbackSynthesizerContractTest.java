package dev.voicebot.tts.synth;

import dev.voicebot.tts.support.ScriptedSynthesizer;

/** A fallback pair keeps the contract whichever of the two ends up speaking. */
class FallbackSynthesizerContractTest extends SpeechSynthesizerContract {

    private ScriptedSynthesizer primary;
    private ScriptedSynthesizer fallback;

    @Override
    protected SpeechSynthesizer create() {
        primary = new ScriptedSynthesizer("cloud", 6, 20, 10);
        fallback = new ScriptedSynthesizer("embedded", 6, 20, 10);
        return new FallbackSynthesizer(primary, fallback);
    }

    @Override
    protected void release() {
        primary.close();
        fallback.close();
    }
}
