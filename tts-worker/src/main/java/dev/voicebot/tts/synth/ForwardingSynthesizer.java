package dev.voicebot.tts.synth;

/** A layer around a voice that speaks as that voice: same provider, voice, capabilities and contexts. */
public abstract class ForwardingSynthesizer implements SpeechSynthesizer {

    protected final SpeechSynthesizer delegate;

    protected ForwardingSynthesizer(SpeechSynthesizer delegate) {
        this.delegate = delegate;
    }

    @Override
    public String provider() {
        return delegate.provider();
    }

    @Override
    public String voice() {
        return delegate.voice();
    }

    @Override
    public SynthesizerCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void endContext(String contextKey) {
        delegate.endContext(contextKey);
    }
}
