package dev.voicebot.tts.synth.mary;

import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SpeechSynthesizerContract;
import java.time.Duration;

class MarySynthesizerContractTest extends SpeechSynthesizerContract {

    @Override
    protected SpeechSynthesizer create() {
        return new MarySynthesizer(SharedMary.engine(), 2, Duration.ofSeconds(15));
    }
}
