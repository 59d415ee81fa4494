package dev.voicebot.stt.recognizer;

/**
 * One call's streaming recognition. Audio goes in through {@link #push}; results come out as
 * {@link RecognitionEvent}s to the listener given at open. Not thread-safe: one thread feeds it.
 *
 * <p>Contract shared by every provider (see the abstract contract test):
 *
 * <ul>
 *   <li>Offsets in events are milliseconds of audio pushed into this session, from 0.
 *   <li>{@link #flush()} ends the current utterance: the provider finalizes what it heard since its
 *       last final result and reports a {@link RecognitionEvent.FinalTranscript}, or a {@link
 *       RecognitionEvent.NoMatch} when it heard speech it could not recognize.
 *   <li>{@link #endInput()} finishes gracefully (pending results are still reported); {@link
 *       #abort()} stops at once and drops pending results. Either one, any number of times, in
 *       any order, leads to exactly one terminal event; no event follows it.
 *   <li>Audio pushed after the session ended, or after {@link #endInput()}, is ignored.
 * </ul>
 */
public interface RecognitionSession {

    /**
     * Feeds PCM16 little-endian mono audio at the session's sample rate. Any even number of bytes
     * per call; the provider re-chunks as it needs.
     *
     * @throws IllegalArgumentException for an odd number of bytes
     */
    void push(byte[] pcm);

    /** Ends the current utterance; see the class comment. */
    void flush();

    /** No more audio: report what is pending, then end with {@link RecognitionEvent.Closed}. */
    void endInput();

    /** Stops now and releases everything; ends with {@link RecognitionEvent.Closed}. */
    void abort();

    /** Whether the terminal event has been delivered. */
    boolean isTerminated();
}
