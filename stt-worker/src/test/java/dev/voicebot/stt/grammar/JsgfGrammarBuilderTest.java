package dev.voicebot.stt.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.common.script.AgentScript;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsgfGrammarBuilderTest {

    private final JsgfGrammarBuilder builder = new JsgfGrammarBuilder(
            Pronunciations.of(Set.of("yes", "please", "no", "book", "an", "appointment", "one", "two", "oh", "don't")));

    @Test
    void buildsOneRulePerGroupWithPhrasesNormalised() {
        JsgfGrammar grammar = builder.fromGroups(List.of(
                PhraseGroup.of("intent:yes", List.of("Yes, please!", "yes")),
                PhraseGroup.of("intent:book", List.of("book an appointment", "  Book   an appointment "))));

        assertThat(grammar.text())
                .isEqualTo("#JSGF V1.0;\ngrammar voicebot;\npublic <utterance> = <g0> | <g1>;\n"
                        + "<g0> = yes please | yes;\n<g1> = book an appointment;\n");
        assertThat(grammar.phrases()).containsExactly("yes please", "yes", "book an appointment");
        assertThat(grammar.words()).containsExactlyInAnyOrder("yes", "please", "book", "an", "appointment");
    }

    @Test
    void aRepeatableGroupIsABoundedSequenceNotAPlusLoop() {
        JsgfGrammar grammar =
                builder.fromGroups(List.of(new PhraseGroup("slot:digits", List.of("one", "two", "oh"), 2, 4)));

        assertThat(grammar.text())
                .contains("<g0> = <g0item> <g0item> [ <g0item> [ <g0item> ] ];\n<g0item> = one | two | oh;")
                .doesNotContain("+");
    }

    @Test
    void phrasesWithUnknownWordsAreDroppedAndNamed() {
        JsgfGrammar grammar =
                builder.fromPhrases(List.of("yes please", "book a taxi", "don't", "no thanks whatsoever", "no"));

        assertThat(grammar.phrases()).containsExactly("yes please", "don't", "no");
        assertThat(grammar.dropped())
                .containsExactly(
                        "'book a taxi' (phrases): not in the dictionary: a, taxi",
                        "'no thanks whatsoever' (phrases): not in the dictionary: thanks, whatsoever");
    }

    @Test
    void aPhraseInTwoGroupsIsListedOnce() {
        JsgfGrammar grammar = builder.fromGroups(List.of(
                PhraseGroup.of("intent:yes", List.of("yes")), PhraseGroup.of("slot:yes_no", List.of("yes", "no"))));

        assertThat(grammar.text()).contains("<g0> = yes;\n<g1> = no;\n");
    }

    @Test
    void aGrammarThatWouldAcceptNothingIsAnError() {
        assertThatThrownBy(() -> builder.fromPhrases(List.of("hello world")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hello world");
    }

    @Test
    void theDemoScriptBuildsWithEveryPhraseKnownToTheDebianDictionary() {
        var dictionary =
                Pronunciations.read(dev.voicebot.stt.recognizer.pocketsphinx.PocketSphinxSettings.DEBIAN_DICTIONARY);
        JsgfGrammar grammar = new JsgfGrammarBuilder(dictionary).fromGroups(ScriptGrammar.groups(AgentScript.demo()));

        assertThat(grammar.dropped()).isEmpty();
        assertThat(grammar.phrases()).contains("i would like to book an appointment", "next tuesday", "nine");
        assertThat(grammar.text()).contains("<g10item> <g10item> <g10item> <g10item> [ <g10item> [ <g10item> ] ];");
    }
}
