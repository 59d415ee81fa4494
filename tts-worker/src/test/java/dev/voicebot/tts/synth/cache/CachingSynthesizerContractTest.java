package dev.voicebot.tts.synth.cache;

import dev.voicebot.tts.support.ScriptedSynthesizer;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SpeechSynthesizerContract;

class CachingSynthesizerContractTest extends SpeechSynthesizerContract {

    private ScriptedSynthesizer voice;

    @Override
    protected SpeechSynthesizer create() {
        voice = new ScriptedSynthesizer("scripted", 6, 20, 10);
        return new CachingSynthesizer(voice, new PhraseCache(1 << 20, 1 << 18), 1 << 18);
    }

    @Override
    protected void release() {
        voice.close();
    }
}
