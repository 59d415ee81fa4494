package dev.voicebot.tts.synth;

import dev.voicebot.service.resilience.Countdown;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Fails a piece whose voice keeps the caller waiting: no audio within {@code firstAudio} of the
 * request, or none for {@code stall} once audio began. The piece is cancelled at the provider and
 * fails with {@link SynthesisException.Kind#TIMEOUT} — before any audio when the first deadline
 * passed, so a {@link FallbackSynthesizer} in front can still speak it with another voice. Covers
 * what transport timeouts cannot see: a WebSocket that stays open but sends nothing for a context.
 */
public final class DeadlineSynthesizer extends ForwardingSynthesizer {

    private final Duration firstAudio;
    private final Duration stall;
    private final ScheduledExecutorService scheduler;

    public DeadlineSynthesizer(
            SpeechSynthesizer delegate, Duration firstAudio, Duration stall, ScheduledExecutorService scheduler) {
        super(delegate);
        this.firstAudio = firstAudio;
        this.stall = stall;
        this.scheduler = scheduler;
    }

    @Override
    public SynthesisHandle synthesize(SynthesisRequest request, SynthesisListener listener) {
        Watch watch = new Watch(new SynthesisGuard(listener));
        watch.due(firstAudio, "no audio within " + firstAudio.toMillis() + " ms");
        watch.inner = delegate.synthesize(request, watch);
        if (watch.guard.ended()) {
            watch.inner.cancel(); // timed out while the request was being sent
        }
        return watch::cancel;
    }

    /** Relays one piece while a countdown waits for its next audio. */
    private final class Watch implements SynthesisListener {

        final SynthesisGuard guard;
        final Countdown countdown = new Countdown(scheduler);
        volatile SynthesisHandle inner;

        Watch(SynthesisGuard guard) {
            this.guard = guard;
        }

        void due(Duration delay, String reason) {
            countdown.restart(delay, () -> {
                if (guard.fail(
                        new SynthesisException(SynthesisException.Kind.TIMEOUT, delegate.provider() + ": " + reason))) {
                    cancelInner();
                }
            });
        }

        void cancel() {
            countdown.stop();
            if (guard.cancel()) {
                cancelInner();
            }
        }

        private void cancelInner() {
            SynthesisHandle handle = inner;
            if (handle != null) {
                handle.cancel();
            }
        }

        @Override
        public void onAudio(byte[] pcm) {
            if (pcm.length > 0) {
                due(stall, "audio stalled for " + stall.toMillis() + " ms");
            }
            guard.audio(pcm);
        }

        @Override
        public void onComplete() {
            countdown.stop();
            guard.complete();
        }

        @Override
        public void onError(SynthesisException error) {
            countdown.stop();
            guard.fail(error);
        }

        @Override
        public void onCancelled() {
            countdown.stop();
            guard.cancel();
        }
    }
}
