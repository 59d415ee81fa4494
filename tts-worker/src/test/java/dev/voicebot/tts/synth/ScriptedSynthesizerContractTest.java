package dev.voicebot.tts.synth;

import dev.voicebot.tts.support.ScriptedSynthesizer;

/** The test and benchmark fake keeps the contract too, so what it shows about the worker holds for real voices. */
class ScriptedSynthesizerContractTest extends SpeechSynthesizerContract {

    @Override
    protected SpeechSynthesizer create() {
        return new ScriptedSynthesizer("scripted", 6, 20, 10);
    }
}
