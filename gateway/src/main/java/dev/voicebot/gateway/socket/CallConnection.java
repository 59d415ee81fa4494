package dev.voicebot.gateway.socket;

import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.gateway.call.CallSession;
import dev.voicebot.gateway.exotel.ExotelCodec;
import dev.voicebot.gateway.latency.TurnLatencyRecorder;
import dev.voicebot.gateway.playback.CallPlayback;
import dev.voicebot.gateway.playback.PlayItem;
import dev.voicebot.gateway.playback.PlaybackPacer;
import dev.voicebot.gateway.playback.PlaybackSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Exotel socket and the call on it: its protocol session, its outbound playback and the sender
 * that writes to the socket. Bot audio and commands from the route topic arrive here.
 */
public final class CallConnection implements PlaybackPacer.PacedCall {

    /** Rejected frames logged at warn per call before only every hundredth is. */
    private static final int DROPS_LOGGED_IN_FULL = 10;

    private final String socketId;
    private final CallSession session;
    private final SocketSender sender;
    private final TextMessageAssembler assembler;
    private final ExotelCodec codec;
    private final PlaybackSettings settings;
    private final boolean mediaChunkInfo;
    private final CallActionRunner runner;
    private final TurnLatencyRecorder latency;
    private final long maxQueuedPlaybackNanos;
    private final AtomicLong drops = new AtomicLong();
    private int lastTurnSent = -1;

    private volatile CallPlayback playback;
    private volatile String streamSid;
    private volatile String endReason = "bot ended the call";

    CallConnection(
            String socketId,
            CallSession session,
            SocketSender sender,
            TextMessageAssembler assembler,
            ExotelCodec codec,
            PlaybackSettings settings,
            boolean mediaChunkInfo,
            CallActionRunner runner,
            TurnLatencyRecorder latency,
            Duration maxQueuedPlayback) {
        this.socketId = socketId;
        this.session = session;
        this.sender = sender;
        this.assembler = assembler;
        this.codec = codec;
        this.settings = settings;
        this.mediaChunkInfo = mediaChunkInfo;
        this.runner = runner;
        this.latency = latency;
        this.maxQueuedPlaybackNanos = maxQueuedPlayback.toNanos();
    }

    /** What became of a piece of bot audio. */
    public enum Played {
        QUEUED,
        /** The call has not started, its turn was cleared, or the call is ending. */
        STALE,
        /**
         * The call already holds its limit of unplayed audio: the samples were dropped, so the
         * caller hears the turn's beginning and nothing skips; the turn's end still counts.
         */
        OVERFLOW
    }

    /** Queues a piece of bot audio. */
    public Played play(AudioRecord audio) {
        CallPlayback current = playback;
        if (current == null) {
            return Played.STALE;
        }
        long now = System.nanoTime();
        boolean full = current.queuedNanos() >= maxQueuedPlaybackNanos;
        AudioRecord accepted = full ? withoutSamples(audio) : audio;
        if (current.enqueue(accepted, now) == CallPlayback.Accepted.STALE) {
            return Played.STALE;
        }
        pump(now);
        return full ? Played.OVERFLOW : Played.QUEUED;
    }

    /**
     * The conversation cancelled a turn: no more audio of turns up to {@code turn}, and Exotel
     * {@code clear} at once if bot audio was queued or playing (after a {@link #callerSpeechStarted}
     * barge-in there is nothing left to clear).
     */
    public void clear(int turn) {
        CallPlayback current = playback;
        if (current == null) {
            return;
        }
        synchronized (current) {
            if (current.clear(turn, System.nanoTime())) {
                sender.send(codec.clear(streamSid));
            }
        }
    }

    /**
     * Barge-in: the caller started speaking. If the bot's audio is queued or playing and the call
     * is not ending, Exotel {@code clear} goes out at once and no more audio of the turns received
     * so far is played.
     *
     * @return whether the bot was cut off
     */
    public boolean callerSpeechStarted() {
        CallPlayback current = playback;
        if (current == null) {
            return false;
        }
        synchronized (current) {
            if (!current.bargeIn(System.nanoTime())) {
                return false;
            }
            sender.send(codec.clear(streamSid));
            return true;
        }
    }

    /** Closes the call's socket, at once or once the queued audio has played. */
    public void endCall(String reason, boolean afterPlayback) {
        endCall(reason, afterPlayback, 0);
    }

    /**
     * Closes the call's socket, at once or once the bot's audio has played, including turn {@code
     * afterTurn} (a goodbye still on its way) when it is above 0.
     */
    public void endCall(String reason, boolean afterPlayback, int afterTurn) {
        if (reason != null && !reason.isBlank()) {
            endReason = reason;
        }
        CallPlayback current = playback;
        if (!afterPlayback || current == null) {
            runner.run(this, session.endByBot(endReason));
            return;
        }
        long now = System.nanoTime();
        current.requestEnd(now, afterTurn, settings.awaitGoodbyeNanos());
        pump(now);
    }

    @Override
    public void pump(long nowNanos) {
        CallPlayback current = playback;
        if (current == null || !current.mayBeDue(nowNanos)) {
            return;
        }
        boolean end = false;
        synchronized (current) {
            for (PlayItem item : current.due(nowNanos)) {
                switch (item) {
                    case PlayItem.Frame frame -> {
                        sender.sendMedia(render(frame), frame.dueNanos(), frame.durationNanos());
                        if (frame.turn() != lastTurnSent) {
                            lastTurnSent = frame.turn();
                            latency.firstFrameSent(session.callSid(), frame.turn());
                        }
                    }
                    case PlayItem.Mark mark -> sender.send(codec.mark(streamSid, mark.name()));
                    case PlayItem.End ignored -> end = true;
                }
            }
        }
        if (end) {
            runner.run(this, session.endByBot(endReason));
        }
    }

    /** The call's {@code call_sid}, or the socket's id before {@code start}. */
    @Override
    public String logId() {
        String callSid = session.callSid();
        return callSid != null ? callSid : "on socket " + socketId;
    }

    CallSession session() {
        return session;
    }

    SocketSender sender() {
        return sender;
    }

    TextMessageAssembler assembler() {
        return assembler;
    }

    void beginPlayback(String streamSid, int sampleRate) {
        this.streamSid = streamSid;
        this.playback = new CallPlayback(sampleRate, settings, System.nanoTime());
    }

    void markEchoed(String name) {
        CallPlayback current = playback;
        if (current != null) {
            current.markEchoed(name);
            pump(System.nanoTime());
        }
    }

    /** Whether this rejected frame deserves a warn line, so a flood of bad frames cannot flood the log. */
    boolean logDrop() {
        long count = drops.incrementAndGet();
        return count <= DROPS_LOGGED_IN_FULL || count % 100 == 0;
    }

    private static AudioRecord withoutSamples(AudioRecord audio) {
        return new AudioRecord(
                audio.callSid(),
                new byte[0],
                audio.sampleRate(),
                audio.sequence(),
                audio.turn(),
                audio.last(),
                audio.capturedAtMicros(),
                audio.route());
    }

    private String render(PlayItem.Frame frame) {
        if (!mediaChunkInfo) {
            return codec.media(streamSid, frame.pcm());
        }
        long timestampMs = frame.index() * frame.durationNanos() / 1_000_000;
        return codec.media(streamSid, frame.pcm(), frame.index() + 1, timestampMs);
    }
}
