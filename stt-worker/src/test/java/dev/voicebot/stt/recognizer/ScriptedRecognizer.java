package dev.voicebot.stt.recognizer;

import dev.voicebot.common.audio.Pcm16;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A zero-latency recognizer for tests and the worker's overhead benchmark: every utterance that
 * had audio is "recognized" as the configured text the moment it is flushed. Sessions can be told
 * to fail after some audio, to test recovery. A real implementation of the provider contract (it
 * passes the contract test), not a mock.
 */
public final class ScriptedRecognizer implements SpeechRecognizer {

    private final String text;
    private final AtomicInteger opened = new AtomicInteger();
    private volatile long failAfterBytes = Long.MAX_VALUE;
    private volatile RecognitionException.Kind failureKind = RecognitionException.Kind.CONNECTION;

    public ScriptedRecognizer(String text) {
        this.text = text;
    }

    /** Sessions opened from now on fail once they have been given this many bytes. */
    public ScriptedRecognizer failingAfter(long bytes, RecognitionException.Kind kind) {
        this.failAfterBytes = bytes;
        this.failureKind = kind;
        return this;
    }

    public int sessionsOpened() {
        return opened.get();
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public RecognizerCapabilities capabilities() {
        return new RecognizerCapabilities(false, false, false, Set.of());
    }

    @Override
    public RecognitionSession open(SessionSpec spec, RecognitionListener listener) {
        opened.incrementAndGet();
        return new Session(spec, new SessionEvents(name(), spec, listener), failAfterBytes, failureKind);
    }

    private final class Session implements RecognitionSession {

        private final SessionSpec spec;
        private final SessionEvents events;
        private final long failAfterBytes;
        private final RecognitionException.Kind failureKind;
        private long pushedBytes;
        private long utteranceStart = -1;
        private boolean ended;

        Session(SessionSpec spec, SessionEvents events, long failAfterBytes, RecognitionException.Kind failureKind) {
            this.spec = spec;
            this.events = events;
            this.failAfterBytes = failAfterBytes;
            this.failureKind = failureKind;
        }

        @Override
        public void push(byte[] pcm) {
            Pcm16.requireEvenLength(pcm);
            if (ended || events.terminated()) {
                return;
            }
            if (utteranceStart < 0) {
                utteranceStart = pushedBytes;
            }
            pushedBytes += pcm.length;
            if (pushedBytes >= failAfterBytes) {
                events.emit(new RecognitionEvent.Failed(new RecognitionException(
                        name(), failureKind, "scripted failure after " + pushedBytes + " bytes")));
            }
        }

        @Override
        public void flush() {
            if (events.terminated() || utteranceStart < 0) {
                return;
            }
            events.emit(new RecognitionEvent.FinalTranscript(text, 1.0, millis(utteranceStart), millis(pushedBytes)));
            utteranceStart = -1;
        }

        @Override
        public void endInput() {
            if (ended) {
                return;
            }
            flush();
            ended = true;
            events.emit(new RecognitionEvent.Usage(millis(pushedBytes)));
            events.emit(new RecognitionEvent.Closed(false));
        }

        @Override
        public void abort() {
            ended = true;
            events.emit(new RecognitionEvent.Usage(millis(pushedBytes)));
            events.emit(new RecognitionEvent.Closed(true));
        }

        @Override
        public boolean isTerminated() {
            return events.terminated();
        }

        private long millis(long bytes) {
            return bytes / 2 * 1000 / spec.sampleRate();
        }
    }
}
