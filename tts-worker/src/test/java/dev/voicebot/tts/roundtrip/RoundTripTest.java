package dev.voicebot.tts.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.stt.grammar.JsgfGrammar;
import dev.voicebot.stt.grammar.JsgfGrammarBuilder;
import dev.voicebot.stt.grammar.Pronunciations;
import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.SessionSpec;
import dev.voicebot.stt.recognizer.pocketsphinx.PocketSphinxRecognizer;
import dev.voicebot.stt.recognizer.pocketsphinx.PocketSphinxSettings;
import dev.voicebot.tts.support.RecordingListener;
import dev.voicebot.tts.support.RecordingListener.Terminal;
import dev.voicebot.tts.synth.SynthesisRequest;
import dev.voicebot.tts.synth.mary.MarySynthesizer;
import dev.voicebot.tts.synth.mary.SharedMary;
import dev.voicebot.tts.worker.TextPreparer;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The embedded voice and the embedded recognizer together: every fixed line of the demo script is
 * synthesized by MaryTTS at the phone rate (8 kHz) and recognized by PocketSphinx against a grammar
 * of those same lines. At least 90 % of the lines must come back as themselves. Prints a line per
 * bot line and the total.
 *
 * <p>This test needs the Debian packages the embedded recognizer needs and fails, saying so, when
 * they are missing: CI installs them (tools/apt-packages.txt).
 */
class RoundTripTest {

    private static final int PHONE_RATE = 8000;
    private static final double REQUIRED_SHARE = 0.90;
    /** What the worker feeds the voice at a time: pieces cut at sentence boundaries (TtsProperties' default). */
    private static final int MAX_PIECE_CHARS = 250;
    /** 20 ms at 8 kHz: the recognizer is fed in small pieces, as streamed call audio arrives. */
    private static final int FRAME_BYTES = 320;

    private static final Duration SYNTHESIS_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RECOGNITION_TIMEOUT = Duration.ofSeconds(30);
    private static final String RECOGNIZER_PACKAGES = "libpocketsphinx3 libsphinxbase3 pocketsphinx-en-us";

    private enum Outcome {
        RECOGNIZED,
        MISHEARD,
        REJECTED
    }

    private record LineResult(String phrase, Outcome outcome, String heard, double confidence, long audioMs) {}

    @Test
    void theDemoScriptsBotLinesComeBackAsThemselves() throws Exception {
        List<String> botLines = AgentScript.demo().botLines();
        List<String> phrases = botLines.stream().map(SpokenPhrase::of).toList();
        PocketSphinxSettings settings = PocketSphinxSettings.defaults();
        JsgfGrammar grammar = embeddedGrammar(settings, phrases);
        List<LineResult> results = new ArrayList<>();
        try (var recognizer = embeddedRecognizer(settings, grammar);
                var voice = new MarySynthesizer(SharedMary.engine(), 2, Duration.ofSeconds(10))) {
            // Mary works through the queue of lines while the recognizer decodes the ones already spoken.
            List<List<RecordingListener>> speech = new ArrayList<>();
            for (int i = 0; i < botLines.size(); i++) {
                speech.add(speak(voice, "roundtrip-" + i, botLines.get(i)));
            }
            for (int i = 0; i < botLines.size(); i++) {
                byte[] pcm = audioOf(speech.get(i), botLines.get(i));
                results.add(recognize(recognizer, "CA-roundtrip-" + i, pcm, phrases.get(i)));
            }
        }

        long recognized = results.stream()
                .filter(result -> result.outcome() == Outcome.RECOGNIZED)
                .count();
        String report = report(results, recognized, grammar);
        System.out.println(report);
        assertThat((double) recognized / results.size())
                .as("share of bot lines recognized as themselves (at least %.0f %%)%s", REQUIRED_SHARE * 100, report)
                .isGreaterThanOrEqualTo(REQUIRED_SHARE);
    }

    /** Queues a bot line's pieces on the voice, as the worker does; one listener per piece, in order. */
    private static List<RecordingListener> speak(MarySynthesizer voice, String context, String botLine) {
        List<String> pieces = new TextPreparer(MAX_PIECE_CHARS)
                .pieces(botLine, voice.capabilities().alphabet());
        assertThat(pieces).as("speakable pieces of '%s'", botLine).isNotEmpty();
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            RecordingListener listener = new RecordingListener();
            voice.synthesize(
                    new SynthesisRequest(pieces.get(i), PHONE_RATE, context, i == pieces.size() - 1), listener);
            listeners.add(listener);
        }
        return listeners;
    }

    private static byte[] audioOf(List<RecordingListener> pieces, String botLine) throws InterruptedException {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        for (RecordingListener piece : pieces) {
            assertThat(piece.awaitEnd(SYNTHESIS_TIMEOUT))
                    .as("MaryTTS synthesis of '%s' (error: %s)", botLine, piece.error())
                    .isEqualTo(Terminal.COMPLETE);
            audio.writeBytes(piece.audio());
        }
        return audio.toByteArray();
    }

    /** One bot line fed to a session as 20 ms frames, then ended as the caller's turn would be. */
    private static LineResult recognize(PocketSphinxRecognizer recognizer, String callSid, byte[] pcm, String phrase)
            throws InterruptedException {
        TranscriptCollector collector = new TranscriptCollector();
        RecognitionSession session = recognizer.open(new SessionSpec(callSid, PHONE_RATE), collector);
        for (int offset = 0; offset < pcm.length; offset += FRAME_BYTES) {
            session.push(Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + FRAME_BYTES)));
        }
        session.flush();
        session.endInput();
        Optional<RecognitionEvent.FinalTranscript> transcript = collector.awaitFinal(RECOGNITION_TIMEOUT);
        long audioMs = pcm.length / 2 * 1000L / PHONE_RATE;
        if (transcript.isEmpty()) {
            return new LineResult(phrase, Outcome.REJECTED, describeRejection(collector), 0, audioMs);
        }
        String heard = transcript.get().text();
        return new LineResult(
                phrase,
                heard.equals(phrase) ? Outcome.RECOGNIZED : Outcome.MISHEARD,
                heard,
                transcript.get().confidence(),
                audioMs);
    }

    /** Why a line got no transcript: the recognizer's errors, else its last partial hypothesis. */
    private static String describeRejection(TranscriptCollector collector) {
        List<String> errors = collector.events().stream()
                .filter(event ->
                        event instanceof RecognitionEvent.Interrupted || event instanceof RecognitionEvent.Failed)
                .map(Object::toString)
                .toList();
        if (!errors.isEmpty()) {
            return "(failed) " + String.join("; ", errors);
        }
        String lastPartial = collector.events().stream()
                .filter(RecognitionEvent.PartialTranscript.class::isInstance)
                .map(event -> ((RecognitionEvent.PartialTranscript) event).text())
                .reduce((first, second) -> second)
                .orElse("");
        return "(no match) last partial hypothesis: '" + lastPartial + "'";
    }

    private static JsgfGrammar embeddedGrammar(PocketSphinxSettings settings, List<String> phrases) {
        try {
            return new JsgfGrammarBuilder(Pronunciations.read(settings.dictionary())).fromPhrases(phrases);
        } catch (UncheckedIOException e) {
            throw missingRecognizer(e);
        }
    }

    private static PocketSphinxRecognizer embeddedRecognizer(PocketSphinxSettings settings, JsgfGrammar grammar) {
        try {
            return new PocketSphinxRecognizer(settings, grammar);
        } catch (IllegalStateException e) {
            throw missingRecognizer(e);
        }
    }

    private static AssertionError missingRecognizer(RuntimeException cause) {
        return new AssertionError(
                "the round-trip test needs the embedded recognizer's Debian packages " + RECOGNIZER_PACKAGES
                        + " (apt-get install " + RECOGNIZER_PACKAGES + "; listed in tools/apt-packages.txt, which CI"
                        + " installs): " + cause.getMessage(),
                cause);
    }

    private static String report(List<LineResult> results, long recognized, JsgfGrammar grammar) {
        StringBuilder report = new StringBuilder("\nround trip: MaryTTS " + PHONE_RATE / 1000
                + " kHz -> PocketSphinx, grammar of the demo script's " + results.size() + " bot lines\n");
        grammar.dropped().forEach(reason -> report.append("  dropped from the grammar: ")
                .append(reason)
                .append('\n'));
        for (int i = 0; i < results.size(); i++) {
            LineResult result = results.get(i);
            report.append(String.format(
                    Locale.ROOT,
                    "%2d %-10s %5.1f s  conf %.2f  %s%n",
                    i + 1,
                    result.outcome(),
                    result.audioMs() / 1000.0,
                    result.confidence(),
                    result.phrase()));
            if (result.outcome() != Outcome.RECOGNIZED) {
                report.append("                                  heard: ")
                        .append(result.heard())
                        .append('\n');
            }
        }
        report.append(String.format(
                Locale.ROOT,
                "recognized %d of %d bot lines (%.1f %%), required %.0f %%%n",
                recognized,
                results.size(),
                100.0 * recognized / results.size(),
                REQUIRED_SHARE * 100));
        return report.toString();
    }
}
