package dev.voicebot.stt.recognizer;

/**
 * What a {@link RecognitionSession} reports. Offsets are milliseconds of the audio pushed into the
 * session. Transcript text is personal data: never log it above debug level.
 */
public sealed interface RecognitionEvent {

    /** Whether this event ends the session. */
    default boolean terminal() {
        return false;
    }

    /** The provider's own voice activity detection heard speech begin. */
    record SpeechStarted(long offsetMs) implements RecognitionEvent {}

    /** The provider's own endpointing found the end of speech. */
    record SpeechEnded(long offsetMs) implements RecognitionEvent {}

    /** A hypothesis that may still change. */
    record PartialTranscript(String text, long startMs, long endMs) implements RecognitionEvent {}

    /**
     * A result that will not change.
     *
     * @param confidence 0 to 1, or -1 when the provider gives none
     */
    record FinalTranscript(String text, double confidence, long startMs, long endMs) implements RecognitionEvent {}

    /** Speech was heard but not recognized well enough to report words (out of grammar, noise). */
    record NoMatch(long startMs, long endMs) implements RecognitionEvent {}

    /**
     * Audio the provider processed (and may bill), reported once before the terminal event.
     *
     * @param audioMs milliseconds of audio processed, replays after a reconnect included
     */
    record Usage(long audioMs) implements RecognitionEvent {}

    /**
     * Something failed but the session goes on: a dropped connection being re-established (its
     * audio is replayed), one utterance the provider could not decode.
     */
    record Interrupted(RecognitionException cause) implements RecognitionEvent {}

    /** Terminal: the session ended normally, by {@link RecognitionSession#endInput()} or {@link RecognitionSession#abort()}. */
    record Closed(boolean aborted) implements RecognitionEvent {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** Terminal: the session cannot go on. */
    record Failed(RecognitionException cause) implements RecognitionEvent {
        @Override
        public boolean terminal() {
            return true;
        }
    }
}
