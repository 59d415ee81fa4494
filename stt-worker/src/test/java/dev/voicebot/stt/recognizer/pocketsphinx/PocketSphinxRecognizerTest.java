package dev.voicebot.stt.recognizer.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.script.AgentScript;
import dev.voicebot.stt.grammar.JsgfGrammarBuilder;
import dev.voicebot.stt.grammar.Pronunciations;
import dev.voicebot.stt.grammar.ScriptGrammar;
import dev.voicebot.stt.recognizer.RecognitionEvent;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.RecordingListener;
import dev.voicebot.stt.recognizer.SessionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PocketSphinxRecognizerTest {

    private final PocketSphinxSettings defaults = PocketSphinxSettings.defaults();

    @Test
    void aMissingModelStopsStartUpWithWhatToInstall() {
        PocketSphinxSettings missing = new PocketSphinxSettings(
                Path.of("/nonexistent/en-us"),
                defaults.dictionary(),
                1,
                2,
                Duration.ofSeconds(1),
                defaults.rejectBelow(),
                defaults.partialInterval());
        var grammar = new JsgfGrammarBuilder(Pronunciations.of(Set.of("yes"))).fromPhrases(List.of("yes"));

        assertThatThrownBy(() -> new PocketSphinxRecognizer(missing, grammar))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pocketsphinx-en-us")
                .hasMessageContaining("libpocketsphinx3");
    }

    /**
     * Silence and a steady tone find no path through the grammar. Broadband noise can be forced
     * into a short phrase, which is why the voice activity detector keeps hiss away from the
     * recognizer (see EnergyVadTest).
     */
    @Test
    void silenceAndASteadyToneAreNoMatchNotAPhrase() throws Exception {
        var grammar = new JsgfGrammarBuilder(Pronunciations.read(defaults.dictionary()))
                .fromGroups(ScriptGrammar.groups(AgentScript.demo()));
        try (var recognizer = new PocketSphinxRecognizer(defaults, grammar)) {
            RecordingListener listener = new RecordingListener();
            RecognitionSession session = recognizer.open(new SessionSpec("CA-noise", 8000), listener);
            session.push(new byte[16000]);
            session.flush();
            session.push(Pcm16.tone(8000, 697, 600, 0.3));
            session.flush();
            session.endInput();
            listener.awaitTerminal(Duration.ofSeconds(10));

            assertThat(listener.events(RecognitionEvent.FinalTranscript.class)).isEmpty();
            assertThat(listener.events(RecognitionEvent.NoMatch.class))
                    .containsExactly(new RecognitionEvent.NoMatch(0, 1000), new RecognitionEvent.NoMatch(1000, 1600));
        }
    }

    @Test
    void decodersAreLentPerUtteranceSoManyCallsShareFewDecoders() throws Exception {
        var grammar = new JsgfGrammarBuilder(Pronunciations.read(defaults.dictionary())).fromPhrases(List.of("yes"));
        try (var recognizer = new PocketSphinxRecognizer(defaults, grammar)) {
            for (int call = 0; call < 5; call++) {
                RecordingListener listener = new RecordingListener();
                RecognitionSession session = recognizer.open(new SessionSpec("CA-" + call, 8000), listener);
                session.push(new byte[3200]);
                session.flush();
                session.endInput();
                listener.awaitTerminal(Duration.ofSeconds(10));
            }
            assertThat(recognizer.decodersCreated()).isEqualTo(1);
        }
    }
}
