package dev.voicebot.tts.synth;

/** Receives one request's audio and its outcome; see {@link SpeechSynthesizer} for the order. */
public interface SynthesisListener {

    /** PCM16 little-endian mono at the requested rate; never empty, always whole samples. */
    void onAudio(byte[] pcm);

    void onComplete();

    void onError(SynthesisException error);

    void onCancelled();
}
