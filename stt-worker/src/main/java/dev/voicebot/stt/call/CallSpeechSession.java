package dev.voicebot.stt.call;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.ProviderFailed;
import dev.voicebot.common.event.SpeechEnded;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionException;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.SessionSpec;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import dev.voicebot.stt.vad.TurnDetector;
import dev.voicebot.stt.vad.VoiceActivityDetector;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's speech: its audio goes through voice activity detection, and only turns of speech
 * (with some pre-roll) reach the recognizer. Publishes {@link SpeechStarted} the moment a turn is
 * confirmed (the barge-in signal, before any words are known), {@link SpeechEnded} after the
 * end-of-turn silence, and {@link Transcript}s as the recognizer reports them; a turn the
 * recognizer could not make out still gets a final transcript, with empty text and confidence 0.
 *
 * <p>Audio and call events arrive on the consumer thread that owns the call's partition; the
 * recognizer reports from its own threads through {@link #onRecognition}, which never takes this
 * session's lock (a provider calls it while holding its own locks, and this session calls the
 * provider while holding this one).
 */
final class CallSpeechSession {

    private static final Logger log = LoggerFactory.getLogger(CallSpeechSession.class);

    /** Why a session closes. */
    enum CloseReason {
        CALL_ENDED(false),
        IDLE(false),
        PARTITION_REVOKED(true),
        SHUTDOWN(true);

        private final boolean abort;

        CloseReason(boolean abort) {
            this.abort = abort;
        }
    }

    private final String callSid;
    private final int sampleRate;
    private final SpeechRecognizer recognizer;
    private final VoiceActivityDetector vad;
    private final TurnDetector turns;
    private final AudioIntake intake;
    private final SpeechSink sink;
    private final CallSettings settings;
    private final OffsetMap offsets = new OffsetMap();
    private final int frameBytes;
    private final byte[] pendingFrame;
    private final Deque<byte[]> preRoll = new ArrayDeque<>();
    private final int preRollFrames;

    private volatile String route;
    private volatile long capturedAtMicros;
    private volatile long turnEndedAtMicros;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean transcriptionDisabled;
    private volatile RecognitionException pendingFailure;

    /** Whether the record being handled was heard by the partition's previous owner (see {@link #onAudio}). */
    private boolean replaying;
    /** Whether a record the previous owner had not heard arrived: only then is anything published. */
    private boolean live;
    /** During a replay: the turn in progress, pre-roll first, held back from the recognizer. */
    private final List<byte[]> replayedTurn = new ArrayList<>();

    private long replayedTurnStartMs;

    private int pendingLength;
    private long samplesProcessed;
    private long samplesRecognized;
    private RecognitionSession recognition;
    private int restarts;
    private long reopenNotBeforeNanos;
    private boolean closed;

    CallSpeechSession(
            String callSid,
            int sampleRate,
            String route,
            SpeechRecognizer recognizer,
            VoiceActivityDetector vad,
            SpeechSink sink,
            CallSettings settings) {
        this.callSid = callSid;
        this.sampleRate = sampleRate;
        this.route = route;
        this.recognizer = recognizer;
        this.vad = vad;
        this.turns = new TurnDetector(settings.turns());
        this.intake = new AudioIntake(callSid, sampleRate);
        this.sink = sink;
        this.settings = settings;
        this.frameBytes = vad.frameSamples() * 2;
        this.pendingFrame = new byte[frameBytes];
        int frameMs = vad.frameSamples() * 1000 / vad.sampleRate();
        this.preRollFrames = (int) Math.ceil(settings.turns().preRoll().toMillis() / (double) frameMs);
        openRecognition();
    }

    String callSid() {
        return callSid;
    }

    int sampleRate() {
        return sampleRate;
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    synchronized void onCallStarted(CallStarted started) {
        lastActivityNanos = System.nanoTime();
        if (started.route() != null) {
            route = started.route();
        }
        if (started.sampleRate() != sampleRate) {
            log.warn(
                    "call {}: call.started says {} Hz but its audio came at {} Hz first; keeping {} Hz",
                    callSid,
                    started.sampleRate(),
                    sampleRate,
                    sampleRate);
        }
    }

    synchronized AudioIntake.Outcome onAudio(AudioRecord record) {
        return onAudio(record, false);
    }

    /**
     * Takes a record of the call's audio.
     *
     * @param replay the partition's previous owner heard this record (this worker re-reads it after
     *     a takeover): it only rebuilds the turn state. The utterance still in progress when the
     *     replay ends goes to the recognizer whole; nothing else of the replay is published, since
     *     the previous owner published it
     */
    synchronized AudioIntake.Outcome onAudio(AudioRecord record, boolean replay) {
        if (closed) {
            return AudioIntake.Outcome.DROPPED_LATE;
        }
        if (!replay && !live) {
            live = true;
            resumeReplayedTurn();
        }
        replaying = replay;
        lastActivityNanos = System.nanoTime();
        if (record.route() != null) {
            route = record.route();
        }
        capturedAtMicros = record.capturedAtMicros();
        AudioIntake.Intake intake = this.intake.accept(record);
        byte[] pcm = intake.pcm();
        int offset = 0;
        while (offset < pcm.length) {
            int take = Math.min(frameBytes - pendingLength, pcm.length - offset);
            System.arraycopy(pcm, offset, pendingFrame, pendingLength, take);
            pendingLength += take;
            offset += take;
            if (pendingLength == frameBytes) {
                pendingLength = 0;
                processFrame(pendingFrame.clone());
            }
        }
        return intake.outcome();
    }

    synchronized void close(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        log.debug("call {}: speech session closes ({})", callSid, reason);
        if (recognition != null) {
            if (reason.abort || !live) {
                recognition.abort();
            } else {
                recognition.endInput();
            }
        }
        vad.close();
    }

    private void processFrame(byte[] frame) {
        long startMs = millis(samplesProcessed);
        samplesProcessed += frame.length / 2;
        long endMs = millis(samplesProcessed);
        boolean speech = vad.isSpeech(Pcm16.toSamples(frame));
        switch (turns.accept(speech, startMs, endMs)) {
            case STARTED -> {
                if (replaying) {
                    replayTurnStarted(frame);
                } else {
                    startTurn(frame);
                }
            }
            case ENDED -> {
                if (replaying) {
                    replayedTurn.clear(); // the previous owner recognized and published it
                } else {
                    endTurn(frame);
                }
            }
            case NONE -> {
                if (!turns.speaking()) {
                    keepForPreRoll(frame);
                } else if (replaying) {
                    replayedTurn.add(frame);
                } else {
                    recognize(frame);
                }
            }
        }
    }

    private void replayTurnStarted(byte[] frame) {
        replayedTurn.clear();
        replayedTurnStartMs = Math.max(0, millis(samplesProcessed) - (long) (preRoll.size() + 1) * frameMillis());
        replayedTurn.addAll(preRoll);
        preRoll.clear();
        replayedTurn.add(frame);
    }

    /**
     * The replay is over: an utterance the previous owner was hearing goes on here. Its start was
     * announced by the previous owner; its words are recognized from its first frame.
     */
    private void resumeReplayedTurn() {
        if (turns.speaking() && !replayedTurn.isEmpty() && recognitionReady()) {
            turnEndedAtMicros = 0;
            offsets.mark(millisRecognized(), replayedTurnStartMs);
            replayedTurn.forEach(this::recognize);
        }
        replayedTurn.clear();
    }

    private void startTurn(byte[] frame) {
        turnEndedAtMicros = 0;
        publish(new SpeechStarted(callSid, turns.startMs(), System.currentTimeMillis()), turns.startMs(), 0);
        if (recognitionReady()) {
            long preRollStartMs = millis(samplesProcessed) - (long) (preRoll.size() + 1) * frameMillis();
            offsets.mark(millisRecognized(), Math.max(0, preRollStartMs));
            for (byte[] kept : preRoll) {
                recognize(kept);
            }
        }
        preRoll.clear();
        recognize(frame);
    }

    private void endTurn(byte[] frame) {
        recognize(frame);
        long endMs = turns.lastSpeechEndMs();
        turnEndedAtMicros = nowMicros();
        publish(new SpeechEnded(callSid, endMs, System.currentTimeMillis()), endMs, turnEndedAtMicros);
        if (recognition != null && !recognition.isTerminated()) {
            recognition.flush();
        } else {
            // no recognizer this turn: say so, so the conversation does not wait for words
            publishNoMatch(turns.startMs(), endMs);
        }
    }

    private void keepForPreRoll(byte[] frame) {
        if (preRollFrames == 0) {
            return;
        }
        if (preRoll.size() == preRollFrames) {
            preRoll.pollFirst();
        }
        preRoll.addLast(frame);
    }

    private void recognize(byte[] frame) {
        if (recognition == null || recognition.isTerminated()) {
            return;
        }
        recognition.push(frame);
        samplesRecognized += frame.length / 2;
    }

    /** Whether a recognition session is open, re-opening one after a retryable failure if allowed. */
    private boolean recognitionReady() {
        RecognitionException failure = pendingFailure;
        if (failure != null) {
            pendingFailure = null;
            recognition = null;
            if (!failure.retryable()) {
                transcriptionDisabled = true;
            } else if (restarts >= settings.maxRestarts()) {
                transcriptionDisabled = true;
                publishFailure(
                        recognizer.name(),
                        "gave up on transcription for this call after " + restarts + " restarts: "
                                + failure.getMessage(),
                        false);
            } else {
                reopenNotBeforeNanos =
                        System.nanoTime() + settings.restartBackoff().toNanos() * (1L << Math.min(restarts, 10));
                restarts++;
            }
        }
        if (transcriptionDisabled) {
            return false;
        }
        if (recognition == null && System.nanoTime() >= reopenNotBeforeNanos) {
            openRecognition();
        }
        return recognition != null && !recognition.isTerminated();
    }

    private void openRecognition() {
        try {
            offsets.clear();
            samplesRecognized = 0;
            recognition = recognizer.open(new SessionSpec(callSid, sampleRate), this::onRecognition);
        } catch (RuntimeException e) {
            transcriptionDisabled = true;
            recognition = null;
            log.error("call {}: {} cannot recognize this call: {}", callSid, recognizer.name(), e.getMessage());
            publishFailure(recognizer.name(), e.getMessage(), false);
        }
    }

    /** The recognizer's events; see the class comment on threads. */
    private void onRecognition(RecognitionEvent event) {
        switch (event) {
            case RecognitionEvent.FinalTranscript result -> {
                long start = offsets.toCall(result.startMs());
                long end = offsets.toCall(result.endMs());
                log.debug("call {}: final transcript '{}' ({})", callSid, result.text(), result.confidence());
                publish(
                        new Transcript(
                                callSid,
                                result.text(),
                                true,
                                result.confidence(),
                                start,
                                end,
                                System.currentTimeMillis()),
                        end,
                        finalTurnMicros());
            }
            case RecognitionEvent.PartialTranscript partial -> {
                if (settings.publishPartials()) {
                    long start = offsets.toCall(partial.startMs());
                    long end = offsets.toCall(partial.endMs());
                    publish(
                            new Transcript(callSid, partial.text(), false, -1, start, end, System.currentTimeMillis()),
                            end,
                            0);
                }
            }
            case RecognitionEvent.NoMatch noMatch ->
                publishNoMatch(offsets.toCall(noMatch.startMs()), offsets.toCall(noMatch.endMs()));
            case RecognitionEvent.Interrupted interrupted -> {
                log.warn(
                        "call {}: {} (recovering)", callSid, interrupted.cause().getMessage());
                publishFailure(
                        interrupted.cause().provider(), interrupted.cause().getMessage(), true);
            }
            case RecognitionEvent.Failed failed -> {
                RecognitionException cause = failed.cause();
                log.warn("call {}: recognition failed: {}", callSid, cause.getMessage());
                publishFailure(cause.provider(), cause.getMessage(), cause.retryable());
                pendingFailure = cause;
            }
            case RecognitionEvent.SpeechStarted started ->
                log.debug("call {}: the recognizer heard speech start at {} ms", callSid, started.offsetMs());
            case RecognitionEvent.SpeechEnded ended ->
                log.debug("call {}: the recognizer heard speech end at {} ms", callSid, ended.offsetMs());
            case RecognitionEvent.Usage usage ->
                log.debug("call {}: {} ms of audio recognized", callSid, usage.audioMs());
            case RecognitionEvent.Closed closedEvent ->
                log.debug("call {}: recognition closed (aborted: {})", callSid, closedEvent.aborted());
        }
    }

    private void publishNoMatch(long startMs, long endMs) {
        publish(
                new Transcript(callSid, "", true, 0, startMs, endMs, System.currentTimeMillis()),
                endMs,
                finalTurnMicros());
    }

    private void publishFailure(String provider, String detail, boolean retryable) {
        publish(
                new ProviderFailed(callSid, "stt", provider, detail, retryable, System.currentTimeMillis()),
                millis(samplesProcessed),
                0);
    }

    private void publish(VoicebotEvent event, long audioOffsetMs, long turnEndedAt) {
        sink.publish(event, new EventTiming(route, audioOffsetMs, capturedAtMicros, turnEndedAt));
    }

    /** The end-of-speech time a final belongs to; a provider may finalize before the turn ends. */
    private long finalTurnMicros() {
        long ended = turnEndedAtMicros;
        return ended > 0 ? ended : nowMicros();
    }

    private long frameMillis() {
        return (long) vad.frameSamples() * 1000 / vad.sampleRate();
    }

    private long millisRecognized() {
        return samplesRecognized * 1000 / sampleRate;
    }

    private long millis(long samples) {
        return samples * 1000 / sampleRate;
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    @Override
    public String toString() {
        return "CallSpeechSession[" + callSid + ", " + sampleRate + " Hz]";
    }
}
