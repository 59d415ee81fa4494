package dev.voicebot.tts.worker;

import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.synth.SynthesisHandle;
import dev.voicebot.tts.synth.SynthesisListener;
import dev.voicebot.tts.synth.SynthesisRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Speaks one bot segment: its text, cut into pieces, goes through the synthesizer piece after
 * piece, and the audio is published as it arrives. The turn's final record carries {@code last}:
 * it is what remains after the last piece of the turn's last segment (empty if nothing remains).
 *
 * <p>Callbacks of one piece never overlap (synthesizer contract), and pieces run one after another,
 * so the job's state needs no lock of its own; {@link #cancel} may come from any thread.
 */
final class SegmentJob implements SynthesisListener {

    /** How a job ended. */
    enum Outcome {
        COMPLETED,
        FAILED,
        CANCELLED
    }

    /** Builds the job for a segment about to be spoken. */
    @FunctionalInterface
    interface Factory {
        SegmentJob create(CallSynthesis call, SegmentOrder order);
    }

    /** Told once when the job is over. */
    @FunctionalInterface
    interface Completion {
        void jobEnded(SegmentJob job, Outcome outcome, SynthesisException error);
    }

    private final CallSynthesis call;
    private final SegmentOrder order;
    private final SpeechSynthesizer synthesizer;
    private final AudioPublisher publisher;
    private final RecordBatcher batcher;
    private final Completion completion;
    private final WorkerMetrics metrics;
    private final AtomicReference<RunningPiece> current = new AtomicReference<>();
    private List<String> pieces;
    private volatile int pieceIndex;
    private boolean audioPublished;
    private volatile boolean cancelled;

    /** The handle of the piece being spoken; a synchronous (cached) piece may finish before its handle is stored. */
    private record RunningPiece(int index, SynthesisHandle handle) {}

    SegmentJob(
            CallSynthesis call,
            SegmentOrder order,
            SpeechSynthesizer synthesizer,
            AudioPublisher publisher,
            RecordBatcher batcher,
            Completion completion,
            WorkerMetrics metrics) {
        this.call = call;
        this.order = order;
        this.synthesizer = synthesizer;
        this.publisher = publisher;
        this.batcher = batcher;
        this.completion = completion;
        this.metrics = metrics;
    }

    SegmentOrder order() {
        return order;
    }

    int turn() {
        return order.turn();
    }

    /** Starts speaking the prepared pieces; an empty list only closes the turn if the segment ends it. */
    void start(List<String> preparedPieces) {
        this.pieces = preparedPieces;
        if (pieces.isEmpty()) {
            finishSegment();
            return;
        }
        startPiece();
    }

    void cancel() {
        cancelled = true;
        RunningPiece running = current.get();
        if (running != null) {
            running.handle().cancel();
        }
    }

    @Override
    public void onAudio(byte[] pcm) {
        for (byte[] record : batcher.add(pcm)) {
            publish(record, false);
        }
    }

    @Override
    public void onComplete() {
        pieceIndex++;
        if (pieceIndex < pieces.size()) {
            startPiece();
        } else {
            finishSegment();
        }
    }

    @Override
    public void onError(SynthesisException error) {
        batcher.discard();
        completion.jobEnded(this, Outcome.FAILED, error);
    }

    @Override
    public void onCancelled() {
        batcher.discard();
        completion.jobEnded(this, Outcome.CANCELLED, null);
    }

    private void startPiece() {
        if (cancelled || !call.isOpen(order.turn())) {
            onCancelled();
            return;
        }
        int index = pieceIndex;
        boolean lastPiece = index == pieces.size() - 1;
        var request = new SynthesisRequest(
                pieces.get(index),
                order.sampleRate(),
                order.contextKey(),
                lastPiece && order.segment().last());
        SynthesisHandle handle;
        try {
            handle = synthesizer.synthesize(request, this);
        } catch (RuntimeException e) {
            onError(new SynthesisException(
                    SynthesisException.Kind.ENGINE, synthesizer.provider() + " could not start: " + e, e));
            return;
        }
        current.updateAndGet(
                previous -> previous == null || previous.index() < index ? new RunningPiece(index, handle) : previous);
        if (cancelled) {
            handle.cancel();
        }
    }

    private void finishSegment() {
        byte[] rest = batcher.drain();
        if (order.segment().last() || rest.length > 0) {
            publish(rest, order.segment().last());
        }
        completion.jobEnded(this, Outcome.COMPLETED, null);
    }

    private void publish(byte[] pcm, boolean last) {
        if (call.publish(this, publisher, pcm, last) && !audioPublished && pcm.length > 0) {
            audioPublished = true;
            metrics.firstAudio(synthesizer.provider(), System.nanoTime() - order.receivedAtNanos());
        }
    }
}
