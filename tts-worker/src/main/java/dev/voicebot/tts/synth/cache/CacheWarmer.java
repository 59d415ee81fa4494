package dev.voicebot.tts.synth.cache;

import dev.voicebot.common.audio.Resampler;
import dev.voicebot.common.audio.Resamplers;
import dev.voicebot.common.text.SegmentCutter;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.synth.SynthesisHandle;
import dev.voicebot.tts.synth.SynthesisListener;
import dev.voicebot.tts.synth.SynthesisRequest;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the phrase cache with the bot's fixed lines before calls need them, so a call's greeting
 * (and every scripted answer, reprompt and goodbye) plays from memory, and so do the standby lines
 * (the apology for a failed provider, the filler for a late reply) even while a cloud voice is
 * down: through a fallback voice they are said by the embedded one. Script lines are cut into
 * segments as the llm-worker cuts a reply ({@link SegmentCutter}); a standby line is one segment,
 * as the llm-worker publishes it. Every segment is cut into pieces as the worker speaks it, because
 * the cache keeps pieces.
 *
 * <p>Runs on one background thread, one piece at a time, so live calls keep the engine's other
 * slots; the greetings go first, then the script's other lines, then the standby lines. The highest
 * rate is synthesized; a lower rate the voice does not produce natively (MaryTTS makes 48 kHz and
 * filters it down for every rate) is derived from it by resampling, which costs almost nothing,
 * instead of being synthesized again.
 */
public final class CacheWarmer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CacheWarmer.class);

    private final SpeechSynthesizer voice;
    private final PhraseCache cache;
    private final Function<String, List<String>> pieces;
    private final List<Integer> rates;
    private final Duration pieceTimeout;
    private final CompletableFuture<Void> greetingsSettled = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile int piecesWarmed;
    private volatile int piecesFailed;

    /**
     * @param voice the worker's voice, with the cache in front of it
     * @param pieces a segment's text as the worker cuts it into pieces for the voice
     * @param rates the call rates to warm, in Hz
     * @param pieceTimeout a piece still not spoken after this long is given up
     */
    public CacheWarmer(
            SpeechSynthesizer voice,
            PhraseCache cache,
            Function<String, List<String>> pieces,
            List<Integer> rates,
            Duration pieceTimeout) {
        this.voice = voice;
        this.cache = cache;
        this.pieces = pieces;
        this.rates = rates.stream().distinct().sorted(Comparator.reverseOrder()).toList();
        this.pieceTimeout = pieceTimeout;
    }

    /**
     * Starts warming, in the background: {@code greetings} (cut into segments), then {@code
     * standbyLines} (each one segment: they must play even while a cloud voice is down, so they come
     * before the rest), then {@code scriptLines} (cut into segments). A piece is warmed once, however
     * often it occurs.
     */
    public void start(List<String> greetings, List<String> scriptLines, List<String> standbyLines) {
        List<String> first = segments(greetings);
        Set<String> rest = new LinkedHashSet<>(standbyLines);
        rest.addAll(segments(scriptLines));
        rest.removeAll(first);
        Thread.ofPlatform().daemon().name("tts-cache-warmer").start(() -> run(first, List.copyOf(rest)));
    }

    /** Whether the greetings are in the cache, or were tried and could not be (no call waits for them then). */
    public boolean greetingsSettled() {
        return greetingsSettled.isDone();
    }

    public boolean finished() {
        return finished.isDone();
    }

    public int piecesWarmed() {
        return piecesWarmed;
    }

    public int piecesFailed() {
        return piecesFailed;
    }

    /** Waits until every line was tried; for tests and benchmarks. */
    public void awaitFinished(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void run(List<String> greetingSegments, List<String> otherSegments) {
        long started = System.nanoTime();
        Set<String> seen = new HashSet<>();
        try {
            warm(greetingSegments, seen);
            greetingsSettled.complete(null);
            log.info(
                    "phrase cache: {} greeting segment(s) warm at {} Hz in {} ms",
                    greetingSegments.size(),
                    rates,
                    (System.nanoTime() - started) / 1_000_000);
            warm(otherSegments, seen);
            log.info(
                    "phrase cache: {} pieces of {} segments warm at {} Hz in {} ms ({} failed)",
                    piecesWarmed,
                    greetingSegments.size() + otherSegments.size(),
                    rates,
                    (System.nanoTime() - started) / 1_000_000,
                    piecesFailed);
        } catch (RuntimeException e) {
            log.warn("phrase cache warming stopped: {}", e.toString());
        } finally {
            greetingsSettled.complete(null);
            finished.complete(null);
        }
    }

    private void warm(List<String> segments, Set<String> seen) {
        for (String segment : segments) {
            for (String piece : pieces.apply(segment)) {
                if (closed) {
                    return;
                }
                if (seen.add(piece)) {
                    warmPiece(piece);
                }
            }
        }
    }

    private static List<String> segments(List<String> lines) {
        return lines.stream()
                .flatMap(line -> SegmentCutter.segments(line).stream())
                .toList();
    }

    private void warmPiece(String piece) {
        int top = rates.getFirst();
        byte[] topAudio = cached(top, piece);
        if (topAudio == null) {
            topAudio = speak(piece, top);
            if (topAudio == null) {
                piecesFailed++;
                return;
            }
        }
        for (int rate : rates.subList(1, rates.size())) {
            if (cached(rate, piece) != null) {
                continue;
            }
            if (voice.capabilities().nativeSampleRates().contains(rate)) {
                speak(piece, rate);
            } else {
                cache.put(key(rate, piece), resample(topAudio, top, rate));
            }
        }
        piecesWarmed++;
    }

    private byte[] cached(int rate, String piece) {
        return cache.peek(key(rate, piece));
    }

    private PhraseCache.Key key(int rate, String piece) {
        return new PhraseCache.Key(voice.voice(), rate, piece);
    }

    /** Speaks one piece through the cached voice, which keeps it; returns its audio, or {@code null}. */
    private byte[] speak(String piece, int rate) {
        Collector collector = new Collector();
        SynthesisHandle handle = voice.synthesize(
                new SynthesisRequest(piece, rate, "cache-warmer-" + System.nanoTime(), true), collector);
        try {
            return collector.outcome.get(pieceTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.cancel();
            log.warn("phrase cache: '{}' at {} Hz not spoken within {}", piece, rate, pieceTimeout);
        } catch (ExecutionException e) {
            log.warn(
                    "phrase cache: '{}' at {} Hz failed: {}",
                    piece,
                    rate,
                    e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        return null;
    }

    private static byte[] resample(byte[] pcm, int fromRate, int toRate) {
        Resampler resampler = Resamplers.create(fromRate, toRate);
        byte[] body = resampler.process(pcm);
        byte[] tail = resampler.flush();
        byte[] all = new byte[body.length + tail.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(tail, 0, all, body.length, tail.length);
        return all;
    }

    /** One piece's audio and outcome. */
    private static final class Collector implements SynthesisListener {

        final CompletableFuture<byte[]> outcome = new CompletableFuture<>();
        private final ByteArrayOutputStream audio = new ByteArrayOutputStream();

        @Override
        public void onAudio(byte[] pcm) {
            audio.writeBytes(pcm);
        }

        @Override
        public void onComplete() {
            outcome.complete(audio.toByteArray());
        }

        @Override
        public void onError(SynthesisException error) {
            outcome.completeExceptionally(error);
        }

        @Override
        public void onCancelled() {
            outcome.completeExceptionally(new IllegalStateException("cancelled"));
        }
    }
}
