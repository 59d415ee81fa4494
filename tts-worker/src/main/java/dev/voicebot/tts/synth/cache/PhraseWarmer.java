package dev.voicebot.tts.synth.cache;

import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.synth.SynthesisListener;
import dev.voicebot.tts.synth.SynthesisRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says lines once through a voice whose layers include the phrase cache, so that later requests
 * for them are answered from memory: the apology for a failed provider must play even while the
 * cloud voice is down, and the filler must not itself be late. One line after another, on a
 * virtual thread, never holding up start-up; a line that fails is logged and skipped.
 */
public final class PhraseWarmer {

    private static final Logger log = LoggerFactory.getLogger(PhraseWarmer.class);
    private static final Duration PER_LINE = Duration.ofSeconds(30);

    private PhraseWarmer() {}

    /**
     * @param pieces how the worker cuts a line into the pieces it sends the voice (the cache keys)
     * @return completes when every line was tried
     */
    public static CompletableFuture<Void> warm(
            SpeechSynthesizer voice,
            List<String> lines,
            List<Integer> sampleRates,
            Function<String, List<String>> pieces) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("tts-phrase-warmer").start(() -> {
            int warmed = 0;
            for (int rate : sampleRates) {
                for (String line : lines) {
                    for (String piece : pieces.apply(line)) {
                        if (sayOnce(voice, piece, rate)) {
                            warmed++;
                        }
                    }
                }
            }
            log.info("phrase cache: {} standby pieces ready at {} Hz", warmed, sampleRates);
            done.complete(null);
        });
        return done;
    }

    private static boolean sayOnce(SpeechSynthesizer voice, String text, int sampleRate) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        voice.synthesize(SynthesisRequest.single(text, sampleRate), new SynthesisListener() {
            @Override
            public void onAudio(byte[] pcm) {}

            @Override
            public void onComplete() {
                outcome.complete(null);
            }

            @Override
            public void onError(SynthesisException error) {
                outcome.completeExceptionally(error);
            }

            @Override
            public void onCancelled() {
                outcome.cancel(false);
            }
        });
        try {
            outcome.get(PER_LINE.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("phrase cache: could not warm a standby line at {} Hz: {}", sampleRate, e.toString());
            return false;
        }
    }
}
