package dev.voicebot.stt.recognizer.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.stt.corpus.Corpus;
import dev.voicebot.stt.corpus.WordErrorRate;
import dev.voicebot.stt.grammar.JsgfGrammarBuilder;
import dev.voicebot.stt.grammar.Pronunciations;
import dev.voicebot.stt.grammar.ScriptGrammar;
import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.RecordingListener;
import dev.voicebot.stt.recognizer.SessionSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The embedded recognizer on the committed corpus (phone-band, μ-law, three TTS voices) with the
 * demo script's grammar: in-grammar lines within 15 % word errors, every out-of-grammar line
 * rejected rather than mapped to a phrase. Prints a line per utterance and the totals.
 */
class PocketSphinxCorpusAccuracyTest {

    @Test
    void recognizesTheScriptsPhrasesAndRejectsEverythingElse() throws Exception {
        PocketSphinxSettings settings = PocketSphinxSettings.defaults();
        var grammar = new JsgfGrammarBuilder(Pronunciations.read(settings.dictionary()))
                .fromGroups(ScriptGrammar.groups(AgentScript.demo()));
        int words = 0;
        int errors = 0;
        int outOfGrammar = 0;
        int rejected = 0;
        StringBuilder report = new StringBuilder("\nutterance  voice    reference -> hypothesis\n");
        try (var recognizer = new PocketSphinxRecognizer(settings, grammar)) {
            for (Corpus.Utterance utterance : Corpus.load()) {
                String hypothesis = recognize(recognizer, utterance);
                if (utterance.inGrammar()) {
                    int wrong = WordErrorRate.errors(utterance.text(), hypothesis);
                    words += WordErrorRate.wordCount(utterance.text());
                    errors += wrong;
                    report.append(String.format(
                            Locale.ROOT,
                            "%-10s %-8s %s -> %s%s%n",
                            utterance.id(),
                            utterance.voice(),
                            utterance.text(),
                            hypothesis.isEmpty() ? "(rejected)" : hypothesis,
                            wrong == 0 ? "" : "   [" + wrong + " errors]"));
                } else {
                    outOfGrammar++;
                    rejected += hypothesis.isEmpty() ? 1 : 0;
                    report.append(String.format(
                            Locale.ROOT,
                            "%-10s %-8s %s -> %s%n",
                            utterance.id(),
                            utterance.voice(),
                            utterance.text(),
                            hypothesis.isEmpty() ? "(rejected)" : "MAPPED TO '" + hypothesis + "'"));
                }
            }
        }
        double wer = 100.0 * errors / words;
        report.append(String.format(
                Locale.ROOT,
                "in-grammar WER %.1f %% (%d errors in %d words); out-of-grammar rejected %d of %d%n",
                wer,
                errors,
                words,
                rejected,
                outOfGrammar));
        System.out.println(report);

        assertThat(wer).as("in-grammar word error rate, %s", report).isLessThanOrEqualTo(15.0);
        assertThat(rejected).as("out-of-grammar lines rejected, %s", report).isEqualTo(outOfGrammar);
    }

    /** The final transcript of one utterance fed as 20 ms frames, or "" when it was rejected. */
    private static String recognize(PocketSphinxRecognizer recognizer, Corpus.Utterance utterance)
            throws InterruptedException {
        RecordingListener listener = new RecordingListener();
        RecognitionSession session = recognizer.open(
                new SessionSpec("CA-" + utterance.id(), utterance.audio().sampleRate()), listener);
        byte[] pcm = utterance.audio().pcm();
        for (int offset = 0; offset < pcm.length; offset += 320) {
            session.push(Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + 320)));
        }
        session.flush();
        session.endInput();
        listener.awaitTerminal(Duration.ofSeconds(30));
        return listener.events(RecognitionEvent.FinalTranscript.class).stream()
                .map(RecognitionEvent.FinalTranscript::text)
                .findFirst()
                .orElse("");
    }
}
