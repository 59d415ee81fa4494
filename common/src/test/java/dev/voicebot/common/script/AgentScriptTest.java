package dev.voicebot.common.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentScriptTest {

    private final AgentScript demo = AgentScript.demo();

    @Test
    void demoScriptLoadsWithTheAppointmentIntents() {
        assertThat(demo.name()).isEqualTo("Sunrise Family Clinic appointments");
        assertThat(demo.intents())
                .extracting(ScriptIntent::id)
                .containsExactly("book", "reschedule", "cancel", "hours", "human", "yes", "no", "goodbye");
        assertThat(demo.intent("human").orElseThrow().action()).isEqualTo(IntentAction.TRANSFER);
        assertThat(demo.intent("goodbye").orElseThrow().action()).isEqualTo(IntentAction.END_CALL);
        assertThat(demo.intent("reschedule").orElseThrow().slots())
                .extracting(SlotSpec::type)
                .containsExactly(SlotType.DIGITS, SlotType.DAY, SlotType.YES_NO);
    }

    @Test
    void callerPhrasesAreDistinctLowerCaseUtterances() {
        List<String> phrases = demo.callerPhrases();

        assertThat(phrases).doesNotHaveDuplicates().allMatch(phrase -> phrase.matches("[a-z']+( [a-z']+)*"));
        assertThat(phrases)
                .contains("book an appointment", "change my appointment", "opening hours", "goodbye")
                .contains("tomorrow", "on monday", "yes", "no thanks")
                .contains("zero", "oh", "nine");
        assertThat(phrases).allMatch(phrase -> phrase.split(" ").length <= 7, "short enough for a phone grammar");
    }

    @Test
    void digitsAreARepeatableFamilyOfSingleWords() {
        PhraseFamily digits = demo.phraseFamilies().stream()
                .filter(family -> family.name().equals("slot:digits"))
                .findFirst()
                .orElseThrow();

        assertThat(digits.repeatable()).isTrue();
        assertThat(digits.phrases()).allMatch(phrase -> !phrase.contains(" "));
        assertThat(demo.phraseFamilies())
                .extracting(PhraseFamily::name)
                .startsWith("intent:book")
                .contains("slot:day", "slot:yes_no");
    }

    @Test
    void botLinesAreRenderedForASampleCall() {
        List<String> lines = demo.botLines();

        assertThat(lines)
                .doesNotHaveDuplicates()
                .noneMatch(line -> line.contains("{") || line.contains("}") || line.isBlank());
        assertThat(lines.getFirst()).startsWith("Hello, and thank you for calling Sunrise Family Clinic.");
        assertThat(lines)
                .contains("Sure. What's your booking number? You can say the digits, or key them in.")
                .anyMatch(line -> line.contains("for tomorrow") && line.contains("ending 3 2 1 0"))
                .anyMatch(line -> line.startsWith("Hello there, this is the appointment line"));
        assertThat(lines.subList(0, 2)).containsExactlyElementsOf(demo.greetings());
    }

    @Test
    void loadsFromAClasspathLocation() {
        assertThat(AgentScript.fromLocation("classpath:" + AgentScript.DEMO_RESOURCE)
                        .intents())
                .hasSameSizeAs(demo.intents());
    }
}
