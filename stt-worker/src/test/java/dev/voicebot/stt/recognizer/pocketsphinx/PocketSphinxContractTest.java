package dev.voicebot.stt.recognizer.pocketsphinx;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.stt.corpus.Corpus;
import dev.voicebot.stt.grammar.JsgfGrammarBuilder;
import dev.voicebot.stt.grammar.Pronunciations;
import dev.voicebot.stt.grammar.ScriptGrammar;
import dev.voicebot.stt.recognizer.RecognizerContractTest;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The embedded recognizer on the demo script's grammar, with a corpus utterance. */
class PocketSphinxContractTest extends RecognizerContractTest {

    private static PocketSphinxRecognizer recognizer;
    private static Corpus.Utterance utterance;

    @BeforeAll
    static void start() {
        PocketSphinxSettings settings = PocketSphinxSettings.defaults();
        var grammar = new JsgfGrammarBuilder(Pronunciations.read(settings.dictionary()))
                .fromGroups(ScriptGrammar.groups(AgentScript.demo()));
        recognizer = new PocketSphinxRecognizer(settings, grammar);
        utterance = Corpus.load().stream()
                .filter(u -> u.id().equals("in01"))
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        recognizer.close();
    }

    @Override
    protected SpeechRecognizer recognizer() {
        return recognizer;
    }

    @Override
    protected byte[] utterance() {
        return utterance.audio().pcm();
    }

    @Override
    protected String utteranceText() {
        return utterance.text();
    }
}
