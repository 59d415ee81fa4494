package dev.voicebot.tts.synth.mary;

import dev.voicebot.tts.synth.EngineAudio;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.synth.SynthesisException.Kind;
import dev.voicebot.tts.synth.SynthesisGuard;
import dev.voicebot.tts.synth.SynthesisHandle;
import dev.voicebot.tts.synth.SynthesisListener;
import dev.voicebot.tts.synth.SynthesisRequest;
import dev.voicebot.tts.synth.SynthesizerCapabilities;
import dev.voicebot.tts.text.VoiceAlphabet;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded voice: MaryTTS cmu-slt-hsmm, decimated from 48 kHz to the call's rate. Audio is read
 * from Mary's stream in small pieces while the vocoder is still running, so the first audio leaves
 * long before the sentence is finished.
 *
 * <p>At most {@code maxConcurrent} syntheses run at once, each on its own reader thread; the rest
 * wait in order (Mary is CPU-bound, so more parallel syntheses than cores only slow each down).
 * Mary's stream blocks for ever if its vocoder thread dies (for example of an OutOfMemoryError), so
 * a watchdog fails any synthesis that has produced nothing for {@code stallTimeout}, abandons its
 * reader thread and frees its slot. A cancelled synthesis ends at once for the listener; its reader
 * keeps draining Mary's stream in the background (holding its slot, as the vocoder still uses the
 * CPU), since the vocoder thread would otherwise block for ever on its full queue.
 */
public final class MarySynthesizer implements SpeechSynthesizer, AutoCloseable {

    /** Starts a synthesis; the stream may fill progressively. */
    @FunctionalInterface
    public interface AudioSource {
        AudioInputStream generate(String text) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(MarySynthesizer.class);
    private static final int READ_BYTES = 4800; // 50 ms at 48 kHz
    private static final SynthesizerCapabilities CAPABILITIES =
            new SynthesizerCapabilities(false, Set.of(48000), VoiceAlphabet.LATIN);

    private final AudioSource source;
    private final Duration stallTimeout;
    private final ExecutorService readers;
    private final Semaphore slots;
    private final ConcurrentLinkedQueue<Job> waiting = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService watchdog;
    private final Set<Job> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong abandonedReaders = new AtomicLong();

    public MarySynthesizer(MaryEngine engine, int maxConcurrent, Duration stallTimeout) {
        this(engine::generate, maxConcurrent, stallTimeout);
    }

    public MarySynthesizer(AudioSource source, int maxConcurrent, Duration stallTimeout) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("MaryTTS needs at least one synthesis thread");
        }
        this.source = source;
        this.stallTimeout = stallTimeout;
        this.slots = new Semaphore(maxConcurrent);
        this.readers = Executors.newCachedThreadPool(daemonThreads("mary-synth-"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("mary-watchdog-"));
        long period = Math.max(10, stallTimeout.toMillis() / 4);
        watchdog.scheduleWithFixedDelay(this::failStalledJobs, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public String provider() {
        return "marytts";
    }

    @Override
    public String voice() {
        return "marytts/" + MaryEngine.VOICE;
    }

    @Override
    public SynthesizerCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** Reader threads given up on because Mary's stream stopped answering. */
    public long abandonedReaders() {
        return abandonedReaders.get();
    }

    @Override
    public SynthesisHandle synthesize(SynthesisRequest request, SynthesisListener listener) {
        SynthesisGuard guard = new SynthesisGuard(listener);
        if (request.text().isBlank()) {
            guard.fail(new SynthesisException(Kind.INVALID_REQUEST, "nothing to say: the text is blank"));
            return guard::cancel;
        }
        waiting.add(new Job(request, guard));
        startWaitingJobs();
        return guard::cancel;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        readers.shutdownNow();
    }

    private void startWaitingJobs() {
        while (!waiting.isEmpty() && slots.tryAcquire()) {
            Job job = waiting.poll();
            if (job == null) {
                slots.release();
                return;
            }
            job.holdsSlot.set(true);
            readers.execute(job);
        }
    }

    private void failStalledJobs() {
        long now = System.nanoTime();
        for (Job job : running) {
            if (now - job.lastProgressNanos > stallTimeout.toNanos()) {
                running.remove(job);
                job.releaseSlot();
                abandonedReaders.incrementAndGet();
                log.error(
                        "MaryTTS produced no audio for {} ms; giving up on this synthesis and its reader thread"
                                + " (Mary's vocoder thread may have died, e.g. of too little heap)",
                        stallTimeout.toMillis());
                job.guard.fail(new SynthesisException(
                        Kind.TIMEOUT, "MaryTTS produced no audio for " + stallTimeout.toMillis() + " ms"));
            }
        }
    }

    private final class Job implements Runnable {

        private final SynthesisRequest request;
        private final SynthesisGuard guard;
        private final AtomicBoolean holdsSlot = new AtomicBoolean();
        private volatile long lastProgressNanos;

        Job(SynthesisRequest request, SynthesisGuard guard) {
            this.request = request;
            this.guard = guard;
        }

        @Override
        public void run() {
            try {
                synthesize();
            } finally {
                running.remove(this);
                releaseSlot();
            }
        }

        void releaseSlot() {
            if (holdsSlot.compareAndSet(true, false)) {
                slots.release();
                startWaitingJobs();
            }
        }

        private void synthesize() {
            if (guard.ended()) {
                return;
            }
            lastProgressNanos = System.nanoTime();
            running.add(this);
            try (AudioInputStream stream = source.generate(request.text())) {
                AudioFormat format = stream.getFormat();
                requireMaryFormat(format);
                EngineAudio audio = new EngineAudio((int) format.getSampleRate(), request.sampleRate(), guard);
                // readAllBytes() stops after 8192 bytes on Mary's stream: read in a loop until -1.
                byte[] buffer = new byte[READ_BYTES];
                boolean forwarding = true;
                for (int n = stream.read(buffer, 0, buffer.length);
                        n != -1;
                        n = stream.read(buffer, 0, buffer.length)) {
                    lastProgressNanos = System.nanoTime();
                    if (forwarding && n > 0) {
                        byte[] piece = new byte[n];
                        System.arraycopy(buffer, 0, piece, 0, n);
                        forwarding = audio.accept(piece);
                    }
                }
                if (running.remove(this)) {
                    audio.finish();
                }
            } catch (SynthesisException e) {
                guard.fail(e);
            } catch (Exception | LinkageError e) {
                log.warn("MaryTTS failed: {}", e.toString());
                guard.fail(new SynthesisException(Kind.ENGINE, "MaryTTS failed: " + e.getMessage(), e));
            }
        }

        private static void requireMaryFormat(AudioFormat format) throws SynthesisException {
            if (format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED
                    || format.getSampleSizeInBits() != 16
                    || format.getChannels() != 1
                    || format.isBigEndian()) {
                throw new SynthesisException(
                        Kind.ENGINE, "MaryTTS produced " + format + ", not 16-bit little-endian mono PCM");
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
