package dev.voicebot.tts.synth.cache;

import dev.voicebot.tts.synth.ForwardingSynthesizer;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.synth.SynthesisGuard;
import dev.voicebot.tts.synth.SynthesisHandle;
import dev.voicebot.tts.synth.SynthesisListener;
import dev.voicebot.tts.synth.SynthesisRequest;
import java.io.ByteArrayOutputStream;

/**
 * Replays a line the wrapped voice has already said at the same rate, at once and without calling
 * the engine; otherwise synthesizes it and keeps the audio once it completed (never a cancelled or
 * failed one).
 */
public final class CachingSynthesizer extends ForwardingSynthesizer {

    private final PhraseCache cache;
    private final int maxEntryBytes;

    public CachingSynthesizer(SpeechSynthesizer delegate, PhraseCache cache, int maxEntryBytes) {
        super(delegate);
        this.cache = cache;
        this.maxEntryBytes = maxEntryBytes;
    }

    @Override
    public SynthesisHandle synthesize(SynthesisRequest request, SynthesisListener listener) {
        PhraseCache.Key key = new PhraseCache.Key(delegate.voice(), request.sampleRate(), request.text());
        byte[] cached = request.text().isBlank() ? null : cache.get(key);
        if (cached == null) {
            return delegate.synthesize(request, new Recorder(key, listener));
        }
        if (request.endsContext()) {
            delegate.endContext(request.contextKey());
        }
        SynthesisGuard guard = new SynthesisGuard(listener);
        guard.audio(cached.clone());
        guard.complete();
        return guard::cancel;
    }

    /** Passes everything on and records the audio for the cache while it stays small enough. */
    private final class Recorder implements SynthesisListener {

        private final PhraseCache.Key key;
        private final SynthesisListener target;
        private ByteArrayOutputStream audio = new ByteArrayOutputStream();

        Recorder(PhraseCache.Key key, SynthesisListener target) {
            this.key = key;
            this.target = target;
        }

        @Override
        public void onAudio(byte[] pcm) {
            if (audio != null) {
                if (audio.size() + pcm.length > maxEntryBytes) {
                    audio = null;
                } else {
                    audio.writeBytes(pcm);
                }
            }
            target.onAudio(pcm);
        }

        @Override
        public void onComplete() {
            if (audio != null) {
                cache.put(key, audio.toByteArray());
                audio = null;
            }
            target.onComplete();
        }

        @Override
        public void onError(SynthesisException error) {
            audio = null;
            target.onError(error);
        }

        @Override
        public void onCancelled() {
            audio = null;
            target.onCancelled();
        }
    }
}
