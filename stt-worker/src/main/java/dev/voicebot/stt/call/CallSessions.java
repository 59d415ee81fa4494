package dev.voicebot.stt.call;

import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import dev.voicebot.stt.vad.VadFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's calls. A call's session is opened by its {@code call.started} or its first audio,
 * whichever the consumer sees first (they come from two topics, so either order happens), and
 * closed by {@code call.ended}, by losing the call's partition in a rebalance (the new owner opens
 * its own), after {@link #idleTimeout} without audio, or at shutdown. Audio that arrives for a
 * call that ended is dropped rather than opening a new session. A failure in one call's session is
 * contained there.
 */
public final class CallSessions implements AutoCloseable {

    /** How long an ended call's id is remembered so its late audio does not open a new session. */
    static final Duration ENDED_MEMORY = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(CallSessions.class);

    /**
     * @param owner the consumer thread that opened it: a call whose partition moved to another
     *     thread of this worker is reopened there, and only its owner's rebalance closes it
     */
    private record Entry(CallSpeechSession session, Set<TopicPartition> sources, Thread owner) {}

    private final SpeechRecognizer recognizer;
    private final VadFactory vads;
    private final SpeechSink sink;
    private final CallSettings settings;
    private final Duration idleTimeout;
    private final SttMetrics metrics;
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Map<String, Long> ended = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    public CallSessions(
            SpeechRecognizer recognizer,
            VadFactory vads,
            SpeechSink sink,
            CallSettings settings,
            Duration idleTimeout,
            SttMetrics metrics) {
        this.recognizer = recognizer;
        this.vads = vads;
        this.sink = sink;
        this.settings = settings;
        this.idleTimeout = idleTimeout;
        this.metrics = metrics;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stt-idle-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(50, Math.min(1000, idleTimeout.toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        metrics.trackActiveCalls(sessions::size);
    }

    public void onAudio(AudioRecord record, TopicPartition source) {
        onAudio(record, source, false);
    }

    /**
     * @param replay the record was heard by the previous owner of its partition: it rebuilds the
     *     call's turn state, and nothing of it is published
     */
    public void onAudio(AudioRecord record, TopicPartition source, boolean replay) {
        if (ended.containsKey(record.callSid())) {
            metrics.audioDropped("call-ended");
            return;
        }
        Entry entry = entryOnThisThread(record.callSid(), record.sampleRate(), record.route(), source);
        AudioIntake.Outcome outcome = entry.session().onAudio(record, replay);
        metrics.audioRecord(outcome);
    }

    public void onCallStarted(CallStarted started, TopicPartition source) {
        if (ended.containsKey(started.callSid())) {
            return;
        }
        entryOnThisThread(started.callSid(), started.sampleRate(), started.route(), source)
                .session()
                .onCallStarted(started);
    }

    /** The call's session, opened by this consumer thread; one another thread left behind is closed first. */
    private Entry entryOnThisThread(String callSid, int sampleRate, String route, TopicPartition source) {
        Thread thread = Thread.currentThread();
        Entry entry = sessions.computeIfAbsent(callSid, sid -> open(sid, sampleRate, route, source));
        if (entry.owner() != thread) {
            // the call's partition moved between this worker's consumer threads: the old thread's
            // rebalance may not have closed it yet
            sessions.remove(callSid, entry);
            abort(callSid, entry);
            entry = sessions.computeIfAbsent(callSid, sid -> open(sid, sampleRate, route, source));
        }
        entry.sources().add(source);
        return entry;
    }

    public void onCallEnded(CallEnded callEnded) {
        ended.put(callEnded.callSid(), System.nanoTime());
        close(callEnded.callSid(), CallSpeechSession.CloseReason.CALL_ENDED);
    }

    /** Closes the sessions the calling consumer thread opened for calls of partitions it lost. */
    public void revoked(Collection<TopicPartition> partitions) {
        Thread thread = Thread.currentThread();
        int closed = 0;
        for (var entry : sessions.entrySet()) {
            if (entry.getValue().owner() == thread
                    && entry.getValue().sources().stream().anyMatch(partitions::contains)) {
                close(entry.getKey(), CallSpeechSession.CloseReason.PARTITION_REVOKED);
                closed++;
            }
        }
        if (closed > 0) {
            log.info("closed {} call session(s) whose partitions moved to another worker", closed);
        }
    }

    public int activeCalls() {
        return sessions.size();
    }

    boolean isOpen(String callSid) {
        return sessions.containsKey(callSid);
    }

    private Entry open(String callSid, int sampleRate, String route, TopicPartition source) {
        CallSpeechSession session =
                new CallSpeechSession(callSid, sampleRate, route, recognizer, vads.create(sampleRate), sink, settings);
        log.debug("call {}: speech session opened at {} Hz", callSid, sampleRate);
        metrics.sessionOpened();
        Set<TopicPartition> sources = ConcurrentHashMap.newKeySet();
        sources.add(source);
        return new Entry(session, sources, Thread.currentThread());
    }

    private void abort(String callSid, Entry entry) {
        try {
            entry.session().close(CallSpeechSession.CloseReason.PARTITION_REVOKED);
        } catch (RuntimeException e) {
            log.error("call {}: closing its speech session failed", callSid, e);
        }
    }

    private void close(String callSid, CallSpeechSession.CloseReason reason) {
        Entry entry = sessions.remove(callSid);
        if (entry == null) {
            return;
        }
        try {
            entry.session().close(reason);
        } catch (RuntimeException e) {
            log.error("call {}: closing its speech session failed", callSid, e);
        }
    }

    private void sweep() {
        try {
            for (var entry : sessions.entrySet()) {
                if (entry.getValue().session().idleNanos() > idleTimeout.toNanos()) {
                    log.info(
                            "call {}: no audio for {} s; closing its speech session",
                            entry.getKey(),
                            idleTimeout.toSeconds());
                    close(entry.getKey(), CallSpeechSession.CloseReason.IDLE);
                }
            }
            long forgetBefore = System.nanoTime() - ENDED_MEMORY.toNanos();
            ended.values().removeIf(at -> at < forgetBefore);
        } catch (RuntimeException e) {
            log.error("idle sweep failed", e);
        }
    }

    /** Aborts every session: the worker is stopping and the calls' partitions go to other workers. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        for (String callSid : sessions.keySet()) {
            close(callSid, CallSpeechSession.CloseReason.SHUTDOWN);
        }
    }
}
