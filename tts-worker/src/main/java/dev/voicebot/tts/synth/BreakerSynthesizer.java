package dev.voicebot.tts.synth;

import dev.voicebot.service.resilience.CircuitBreaker;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a piece to the voice only while its circuit breaker lets calls through; otherwise the piece
 * fails at once with {@link SynthesisException.Kind#UNAVAILABLE}, before any audio, so a {@link
 * FallbackSynthesizer} in front speaks it with the embedded voice straight away. Outcomes feed the
 * breaker: failures of the provider (unreachable, timed out, 5xx, 429, refused key, quota) count
 * against it; a rejected request or a cancelled piece does not count.
 */
public final class BreakerSynthesizer extends ForwardingSynthesizer {

    private final CircuitBreaker breaker;

    public BreakerSynthesizer(SpeechSynthesizer delegate, CircuitBreaker breaker) {
        super(delegate);
        this.breaker = breaker;
    }

    @Override
    public SynthesisHandle synthesize(SynthesisRequest request, SynthesisListener listener) {
        if (!breaker.tryAcquire()) {
            SynthesisGuard guard = new SynthesisGuard(listener);
            guard.fail(new SynthesisException(
                    SynthesisException.Kind.UNAVAILABLE,
                    delegate.provider() + " is failing: circuit open, not asked (" + breaker.name() + ")"));
            return guard::cancel;
        }
        AtomicBoolean reported = new AtomicBoolean();
        SynthesisHandle handle = delegate.synthesize(request, new SynthesisListener() {
            @Override
            public void onAudio(byte[] pcm) {
                listener.onAudio(pcm);
            }

            @Override
            public void onComplete() {
                if (reported.compareAndSet(false, true)) {
                    breaker.onSuccess();
                }
                listener.onComplete();
            }

            @Override
            public void onError(SynthesisException error) {
                if (reported.compareAndSet(false, true)) {
                    if (countsAgainstProvider(error.kind())) {
                        breaker.onFailure();
                    } else {
                        breaker.onIgnored();
                    }
                }
                listener.onError(error);
            }

            @Override
            public void onCancelled() {
                if (reported.compareAndSet(false, true)) {
                    breaker.onIgnored();
                }
                listener.onCancelled();
            }
        });
        return handle;
    }

    static boolean countsAgainstProvider(SynthesisException.Kind kind) {
        return switch (kind) {
            case AUTHENTICATION, QUOTA, RATE_LIMITED, CONNECTIVITY, SERVER, TIMEOUT, ENGINE -> true;
            case INVALID_REQUEST, UNAVAILABLE -> false;
        };
    }
}
