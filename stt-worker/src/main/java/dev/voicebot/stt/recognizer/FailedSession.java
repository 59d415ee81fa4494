package dev.voicebot.stt.recognizer;

import dev.voicebot.common.audio.Pcm16;

/** A session that fails as soon as it is opened (the key was refused moments ago, the provider's circuit is open). */
public final class FailedSession implements RecognitionSession {

    private final SessionEvents events;

    public FailedSession(SessionEvents events, RecognitionException cause) {
        this.events = events;
        events.emit(new RecognitionEvent.Failed(cause));
    }

    @Override
    public void push(byte[] pcm) {
        Pcm16.requireEvenLength(pcm);
    }

    @Override
    public void flush() {}

    @Override
    public void endInput() {}

    @Override
    public void abort() {}

    @Override
    public boolean isTerminated() {
        return events.terminated();
    }
}
