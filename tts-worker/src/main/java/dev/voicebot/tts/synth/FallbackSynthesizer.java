package dev.voicebot.tts.synth;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cloud voice backed by the embedded one: when the primary fails before any audio of a piece
 * reached the listener, the piece is spoken by the fallback instead. Once audio has gone out a
 * retry would repeat words the caller already heard, so the error is passed on. A primary that
 * keeps failing is skipped by its {@link BreakerSynthesizer}, whose instant {@code UNAVAILABLE}
 * failure sends each piece straight here, without paying for a failing attempt first.
 */
public final class FallbackSynthesizer implements SpeechSynthesizer {

    private static final Logger log = LoggerFactory.getLogger(FallbackSynthesizer.class);

    private final SpeechSynthesizer primary;
    private final SpeechSynthesizer fallback;
    private final AtomicLong fallbacks = new AtomicLong();

    public FallbackSynthesizer(SpeechSynthesizer primary, SpeechSynthesizer fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public String provider() {
        return primary.provider();
    }

    @Override
    public String voice() {
        return primary.voice();
    }

    @Override
    public SynthesizerCapabilities capabilities() {
        return primary.capabilities();
    }

    /** Pieces the fallback spoke. */
    public long fallbacks() {
        return fallbacks.get();
    }

    @Override
    public SynthesisHandle synthesize(SynthesisRequest request, SynthesisListener listener) {
        Attempt attempt = new Attempt(request, new SynthesisGuard(listener));
        attempt.startPrimary();
        return attempt::cancel;
    }

    @Override
    public void endContext(String contextKey) {
        primary.endContext(contextKey);
        fallback.endContext(contextKey);
    }

    private final class Attempt {

        private final SynthesisRequest request;
        private final SynthesisGuard guard;
        private volatile SynthesisHandle current;
        private volatile boolean cancelled;

        Attempt(SynthesisRequest request, SynthesisGuard guard) {
            this.request = request;
            this.guard = guard;
        }

        void startPrimary() {
            run(primary.synthesize(request, new Relay(true)));
        }

        void startFallback() {
            fallbacks.incrementAndGet();
            run(fallback.synthesize(request, new Relay(false)));
        }

        private void run(SynthesisHandle handle) {
            current = handle;
            if (cancelled) {
                handle.cancel();
            }
        }

        void cancel() {
            cancelled = true;
            guard.cancel();
            SynthesisHandle handle = current;
            if (handle != null) {
                handle.cancel();
            }
        }

        private final class Relay implements SynthesisListener {

            private final boolean fromPrimary;

            Relay(boolean fromPrimary) {
                this.fromPrimary = fromPrimary;
            }

            @Override
            public void onAudio(byte[] pcm) {
                guard.audio(pcm);
            }

            @Override
            public void onComplete() {
                guard.complete();
            }

            @Override
            public void onError(SynthesisException error) {
                if (fromPrimary && !guard.audioDelivered() && !cancelled) {
                    if (error.kind() != SynthesisException.Kind.UNAVAILABLE) {
                        log.warn(
                                "{} failed ({}), speaking with {} instead",
                                primary.provider(),
                                error.getMessage(),
                                fallback.provider());
                    }
                    primary.endContext(request.contextKey());
                    startFallback();
                } else {
                    guard.fail(error);
                }
            }

            @Override
            public void onCancelled() {
                guard.cancel();
            }
        }
    }
}
