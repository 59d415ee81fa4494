package dev.voicebot.tts.support;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.synth.SynthesisGuard;
import dev.voicebot.tts.synth.SynthesisHandle;
import dev.voicebot.tts.synth.SynthesisListener;
import dev.voicebot.tts.synth.SynthesisRequest;
import dev.voicebot.tts.synth.SynthesizerCapabilities;
import dev.voicebot.tts.text.VoiceAlphabet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable voice for tests and benchmarks: says any text as a tone, {@code chunks} pieces of
 * {@code chunkMillis} each, one every {@code chunkDelayMillis} (0: all at once, before {@code
 * synthesize} returns, a zero-latency provider). Text containing {@code fail-midway} fails after two
 * chunks; text containing {@code fail-at-once} or {@code <name>-refuses} fails before any audio.
 * Records what it was asked.
 */
public final class ScriptedSynthesizer implements SpeechSynthesizer, AutoCloseable {

    private final String name;
    private final int chunks;
    private final int chunkMillis;
    private final int chunkDelayMillis;
    private final SynthesisException.Kind failureKind;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scripted-voice");
        thread.setDaemon(true);
        return thread;
    });
    private final List<SynthesisRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> endedContexts = new CopyOnWriteArrayList<>();
    private final AtomicInteger cancels = new AtomicInteger();

    public ScriptedSynthesizer(String name, int chunks, int chunkMillis, int chunkDelayMillis) {
        this(name, chunks, chunkMillis, chunkDelayMillis, SynthesisException.Kind.SERVER);
    }

    public ScriptedSynthesizer(
            String name, int chunks, int chunkMillis, int chunkDelayMillis, SynthesisException.Kind failureKind) {
        this.name = name;
        this.chunks = chunks;
        this.chunkMillis = chunkMillis;
        this.chunkDelayMillis = chunkDelayMillis;
        this.failureKind = failureKind;
    }

    /** A voice that answers at once, for measuring the pipeline's own cost. */
    public static ScriptedSynthesizer instant() {
        return new ScriptedSynthesizer("instant", 5, 100, 0);
    }

    @Override
    public String provider() {
        return name;
    }

    @Override
    public String voice() {
        return "scripted/" + name;
    }

    @Override
    public SynthesizerCapabilities capabilities() {
        return new SynthesizerCapabilities(false, Set.of(8000, 16000), VoiceAlphabet.ANY_SCRIPT);
    }

    @Override
    public SynthesisHandle synthesize(SynthesisRequest request, SynthesisListener listener) {
        requests.add(request);
        SynthesisGuard guard = new SynthesisGuard(listener);
        SynthesisHandle handle = () -> {
            if (guard.cancel()) {
                cancels.incrementAndGet();
            }
        };
        if (request.text().isBlank()) {
            guard.fail(new SynthesisException(SynthesisException.Kind.INVALID_REQUEST, "blank text"));
            return handle;
        }
        if (request.text().contains("fail-at-once") || request.text().contains(name + "-refuses")) {
            guard.fail(new SynthesisException(failureKind, name + " refused the text"));
            return handle;
        }
        byte[] chunk = Pcm16.tone(request.sampleRate(), 440, chunkMillis, 0.3);
        int failAfter = request.text().contains("fail-midway") ? 2 : -1;
        if (chunkDelayMillis == 0) {
            for (int i = 0; i < chunks && guard.audio(chunk.clone()); i++) {
                if (i + 1 == failAfter) {
                    guard.fail(new SynthesisException(failureKind, name + " failed mid-stream"));
                }
            }
            guard.complete();
        } else {
            for (int i = 1; i <= chunks; i++) {
                int index = i;
                clock.schedule(
                        () -> {
                            guard.audio(chunk.clone());
                            if (index == failAfter) {
                                guard.fail(new SynthesisException(failureKind, name + " failed mid-stream"));
                            } else if (index == chunks) {
                                guard.complete();
                            }
                        },
                        (long) i * chunkDelayMillis,
                        TimeUnit.MILLISECONDS);
            }
        }
        return handle;
    }

    @Override
    public void endContext(String contextKey) {
        endedContexts.add(contextKey);
    }

    public List<SynthesisRequest> requests() {
        return List.copyOf(requests);
    }

    public List<String> endedContexts() {
        return List.copyOf(endedContexts);
    }

    public int cancels() {
        return cancels.get();
    }

    /** Bytes of audio one request produces at {@code sampleRate}. */
    public int bytesPerRequest(int sampleRate) {
        return chunks * Pcm16.bytesFor(sampleRate, chunkMillis);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
