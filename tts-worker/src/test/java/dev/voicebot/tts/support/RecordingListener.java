package dev.voicebot.tts.support;

import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.synth.SynthesisListener;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records what a synthesizer delivers, and flags anything the listener contract forbids. */
public final class RecordingListener implements SynthesisListener {

    public enum Terminal {
        COMPLETE,
        ERROR,
        CANCELLED
    }

    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private final List<Terminal> terminals = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch firstAudio = new CountDownLatch(1);
    private final long createdNanos = System.nanoTime();
    private int audioCalls;
    private long firstAudioNanos = -1;
    private long endNanos = -1;
    private int inCallback;
    private SynthesisException error;

    @Override
    public void onAudio(byte[] pcm) {
        enter();
        try {
            synchronized (this) {
                if (!terminals.isEmpty()) {
                    violations.add("audio after " + terminals.get(0));
                }
                if (pcm.length == 0 || pcm.length % 2 != 0) {
                    violations.add("audio of " + pcm.length + " bytes");
                }
                if (firstAudioNanos < 0) {
                    firstAudioNanos = System.nanoTime();
                }
                audioCalls++;
                audio.writeBytes(pcm);
            }
            firstAudio.countDown();
        } finally {
            leave();
        }
    }

    @Override
    public void onComplete() {
        terminal(Terminal.COMPLETE, null);
    }

    @Override
    public void onError(SynthesisException e) {
        terminal(Terminal.ERROR, e);
    }

    @Override
    public void onCancelled() {
        terminal(Terminal.CANCELLED, null);
    }

    private void terminal(Terminal kind, SynthesisException e) {
        enter();
        try {
            synchronized (this) {
                if (!terminals.isEmpty()) {
                    violations.add(kind + " after " + terminals.get(0));
                } else {
                    endNanos = System.nanoTime();
                    error = e;
                }
                terminals.add(kind);
            }
            ended.countDown();
        } finally {
            leave();
        }
    }

    private synchronized void enter() {
        if (inCallback++ > 0) {
            violations.add("overlapping callbacks");
        }
    }

    private synchronized void leave() {
        inCallback--;
    }

    public Terminal awaitEnd(Duration timeout) throws InterruptedException {
        if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no outcome within " + timeout + "; audio so far " + audioBytes() + " bytes");
        }
        return terminal();
    }

    public boolean awaitFirstAudio(Duration timeout) throws InterruptedException {
        return firstAudio.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized Terminal terminal() {
        return terminals.isEmpty() ? null : terminals.get(0);
    }

    public synchronized List<Terminal> terminals() {
        return List.copyOf(terminals);
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized byte[] audio() {
        return audio.toByteArray();
    }

    public synchronized int audioBytes() {
        return audio.size();
    }

    public synchronized int audioCalls() {
        return audioCalls;
    }

    public synchronized SynthesisException error() {
        return error;
    }

    /** Nanoseconds from creation to the first audio, or -1. */
    public synchronized long firstAudioAfterNanos() {
        return firstAudioNanos < 0 ? -1 : firstAudioNanos - createdNanos;
    }

    /** Nanoseconds from creation to the outcome, or -1. */
    public synchronized long endAfterNanos() {
        return endNanos < 0 ? -1 : endNanos - createdNanos;
    }
}
