package dev.voicebot.stt.recognizer.pocketsphinx;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.audio.Resampler;
import dev.voicebot.common.audio.Resamplers;
import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionException;
import dev.voicebot.stt.recognizer.RecognitionListener;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.SessionEvents;
import dev.voicebot.stt.recognizer.SessionSpec;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call on the embedded recognizer. Audio is upsampled to 16 kHz and decoded as it arrives, so
 * the final result costs only the end of the utterance. A decoder is borrowed from the pool at the
 * first audio of an utterance and returned at {@link #flush()}.
 */
final class PocketSphinxSession implements RecognitionSession {

    private static final Logger log = LoggerFactory.getLogger(PocketSphinxSession.class);

    /** Spreads the per-frame likelihood ratio into a 0-1 confidence: 0.5 at the rejection threshold. */
    private static final double CONFIDENCE_SPREAD = 5.0;

    private final SessionSpec spec;
    private final SessionEvents events;
    private final DecoderPool pool;
    private final PocketSphinxSettings settings;
    private final Resampler upsampler;
    private final long partialIntervalSamples;

    private UtteranceDecoder decoder;
    private long pushedSamples;
    private long utteranceStartSamples = -1;
    private long samplesSincePartial;
    private String lastPartial = "";
    private boolean inputEnded;

    PocketSphinxSession(
            SessionSpec spec, RecognitionListener listener, DecoderPool pool, PocketSphinxSettings settings) {
        this.spec = spec;
        this.events = new SessionEvents(PocketSphinxRecognizer.NAME, spec, listener);
        this.pool = pool;
        this.settings = settings;
        this.upsampler = Resamplers.create(spec.sampleRate(), PocketSphinxRecognizer.DECODER_RATE);
        this.partialIntervalSamples = Math.max(1, settings.partialInterval().toMillis() * spec.sampleRate() / 1000);
    }

    @Override
    public void push(byte[] pcm) {
        Pcm16.requireEvenLength(pcm);
        if (inputEnded || events.terminated() || pcm.length == 0) {
            return;
        }
        if (utteranceStartSamples < 0) {
            utteranceStartSamples = pushedSamples;
            beginUtterance();
        }
        pushedSamples += pcm.length / 2;
        samplesSincePartial += pcm.length / 2;
        decode(upsampler.process(pcm));
        if (samplesSincePartial >= partialIntervalSamples && decoder != null) {
            samplesSincePartial = 0;
            reportPartial();
        }
    }

    @Override
    public void flush() {
        if (events.terminated() || utteranceStartSamples < 0) {
            return;
        }
        decode(upsampler.flush());
        long start = millis(utteranceStartSamples);
        long end = millis(pushedSamples);
        utteranceStartSamples = -1;
        samplesSincePartial = 0;
        lastPartial = "";
        if (decoder == null) {
            events.emit(new RecognitionEvent.NoMatch(start, end));
            return;
        }
        UtteranceDecoder.Result result;
        try {
            result = decoder.endUtterance();
            pool.release(decoder);
        } catch (RuntimeException e) {
            fail(e);
            events.emit(new RecognitionEvent.NoMatch(start, end));
            return;
        } finally {
            decoder = null;
        }
        double ratio = result.ratioPerFrame();
        if (ratio < settings.rejectBelow()) {
            log.debug(
                    "call {}: rejected an utterance of {} frames, ratio {} (hypothesis '{}')",
                    spec.callSid(),
                    result.frames(),
                    ratio,
                    result.text());
            events.emit(new RecognitionEvent.NoMatch(start, end));
        } else {
            double confidence = 1 / (1 + Math.exp(-(ratio - settings.rejectBelow()) / CONFIDENCE_SPREAD));
            events.emit(new RecognitionEvent.FinalTranscript(result.text(), confidence, start, end));
        }
    }

    @Override
    public void endInput() {
        if (inputEnded) {
            return;
        }
        inputEnded = true;
        flush();
        events.emit(new RecognitionEvent.Usage(millis(pushedSamples)));
        events.emit(new RecognitionEvent.Closed(false));
    }

    @Override
    public void abort() {
        inputEnded = true;
        if (decoder != null) {
            try {
                decoder.abandonUtterance();
                pool.release(decoder);
            } catch (RuntimeException e) {
                pool.discard(decoder);
            }
            decoder = null;
        }
        upsampler.reset();
        events.emit(new RecognitionEvent.Usage(millis(pushedSamples)));
        events.emit(new RecognitionEvent.Closed(true));
    }

    @Override
    public boolean isTerminated() {
        return events.terminated();
    }

    private void beginUtterance() {
        try {
            decoder = pool.borrow(settings.decoderWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            decoder = null;
        }
        if (decoder == null) {
            events.emit(new RecognitionEvent.Interrupted(new RecognitionException(
                    PocketSphinxRecognizer.NAME,
                    RecognitionException.Kind.TRANSIENT,
                    "all " + settings.maximumDecoders() + " decoders busy for "
                            + settings.decoderWait().toMillis() + " ms; this utterance is not recognized")));
            return;
        }
        try {
            decoder.startUtterance();
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void decode(byte[] pcm16k) {
        if (decoder == null || pcm16k.length == 0) {
            return;
        }
        try {
            decoder.process(Pcm16.toSamples(pcm16k));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void reportPartial() {
        try {
            String text = decoder.partialText();
            if (!text.isEmpty() && !text.equals(lastPartial)) {
                lastPartial = text;
                events.emit(new RecognitionEvent.PartialTranscript(
                        text, millis(utteranceStartSamples), millis(pushedSamples)));
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** A decoder that failed is thrown away; the rest of the utterance is lost, the session goes on. */
    private void fail(RuntimeException e) {
        if (decoder != null) {
            pool.discard(decoder);
            decoder = null;
        }
        log.warn("call {}: pocketsphinx failed, this utterance is lost: {}", spec.callSid(), e.getMessage());
        events.emit(new RecognitionEvent.Interrupted(new RecognitionException(
                PocketSphinxRecognizer.NAME, RecognitionException.Kind.TRANSIENT, e.getMessage(), e)));
    }

    private long millis(long samples) {
        return samples * 1000 / spec.sampleRate();
    }
}
