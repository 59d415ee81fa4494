package dev.voicebot.stt.bench;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.stt.corpus.Corpus;
import dev.voicebot.stt.grammar.JsgfGrammarBuilder;
import dev.voicebot.stt.grammar.Pronunciations;
import dev.voicebot.stt.grammar.ScriptGrammar;
import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionListener;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.SessionSpec;
import dev.voicebot.stt.recognizer.pocketsphinx.PocketSphinxRecognizer;
import dev.voicebot.stt.recognizer.pocketsphinx.PocketSphinxSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded recognizer's cost: real-time factor (CPU time per second of speech) on one thread
 * and on as many threads as cores, the calls per core that gives, and the latency from the end of
 * a turn (flush) to the final transcript. Audio is the committed corpus, fed in 20 ms pieces as
 * fast as the decoder takes it, with the demo script's grammar.
 *
 * <p>Run: {@code ./mvnw -q -pl stt-worker test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.voicebot.stt.bench.PocketSphinxBenchmark
 * [-Dexec.args="rounds"]}
 */
public final class PocketSphinxBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int cores = Runtime.getRuntime().availableProcessors();
        PocketSphinxSettings defaults = PocketSphinxSettings.defaults();
        PocketSphinxSettings settings = new PocketSphinxSettings(
                defaults.acousticModel(),
                defaults.dictionary(),
                cores,
                cores,
                defaults.decoderWait(),
                defaults.rejectBelow(),
                defaults.partialInterval());
        var grammar = new JsgfGrammarBuilder(Pronunciations.read(settings.dictionary()))
                .fromGroups(ScriptGrammar.groups(AgentScript.demo()));
        List<Corpus.Utterance> corpus = Corpus.load();
        double corpusSeconds =
                corpus.stream().mapToDouble(u -> u.audio().durationMillis()).sum() / 1000;
        try (var recognizer = new PocketSphinxRecognizer(settings, grammar)) {
            run(recognizer, corpus, 1, 1); // warm-up: JIT and the decoders' first utterances
            System.out.printf(
                    Locale.ROOT,
                    "corpus: %d utterances, %.1f s of 8 kHz audio; %d cores; grammar of %d phrases%n",
                    corpus.size(),
                    corpusSeconds,
                    cores,
                    grammar.phrases().size());
            for (int threads : new int[] {1, cores}) {
                long started = System.nanoTime();
                List<Double> latencies = run(recognizer, corpus, threads, rounds);
                double wall = (System.nanoTime() - started) / 1e9;
                double audio = corpusSeconds * rounds * threads;
                double rtfPerThread = wall * threads / audio;
                System.out.printf(
                        Locale.ROOT,
                        "%d thread(s): %.1f s of speech in %.2f s wall -> real-time factor %.4f per stream,"
                                + " %.0f concurrently speaking callers per core%n",
                        threads,
                        audio,
                        wall,
                        rtfPerThread,
                        1 / (rtfPerThread * threads / Math.min(threads, cores)));
                System.out.println("  end of turn (flush) -> final transcript: "
                        + Percentiles.of(latencies.stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray()));
            }
        }
    }

    /** Decodes the corpus {@code rounds} times on each of {@code threads} threads; returns flush→final latencies. */
    private static List<Double> run(
            PocketSphinxRecognizer recognizer, List<Corpus.Utterance> corpus, int threads, int rounds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Double>>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                List<Double> latencies = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    for (Corpus.Utterance utterance : corpus) {
                        latencies.add(decode(recognizer, utterance, "CA-bench-" + thread));
                    }
                }
                return latencies;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> future : work) {
            all.addAll(future.get());
        }
        pool.shutdown();
        return all;
    }

    private static double decode(PocketSphinxRecognizer recognizer, Corpus.Utterance utterance, String callSid) {
        AtomicLong finalAt = new AtomicLong();
        RecognitionListener listener = event -> {
            if (event instanceof RecognitionEvent.FinalTranscript || event instanceof RecognitionEvent.NoMatch) {
                finalAt.set(System.nanoTime());
            }
        };
        RecognitionSession session = recognizer.open(new SessionSpec(callSid, 8000), listener);
        byte[] pcm = utterance.audio().pcm();
        for (int offset = 0; offset < pcm.length; offset += 320) {
            session.push(Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + 320)));
        }
        long flushed = System.nanoTime();
        session.flush();
        session.endInput();
        return (finalAt.get() - flushed) / 1e6;
    }
}
