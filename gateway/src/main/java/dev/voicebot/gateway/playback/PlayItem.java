package dev.voicebot.gateway.playback;

/** What a call's playback hands to the socket, in order. */
public sealed interface PlayItem {

    /**
     * One media message.
     *
     * @param dueNanos when it became due ({@link System#nanoTime()} clock); the send time minus this
     *     is the pacing jitter
     * @param durationNanos how long it plays
     * @param index its place among the call's media messages, from 0
     */
    record Frame(byte[] pcm, int turn, long dueNanos, long durationNanos, long index) implements PlayItem {}

    /** A mark to send right after the frames before it. */
    record Mark(String name, int turn) implements PlayItem {}

    /** The requested end of the call has come: playback is over, or its deadline passed. */
    record End() implements PlayItem {}
}
