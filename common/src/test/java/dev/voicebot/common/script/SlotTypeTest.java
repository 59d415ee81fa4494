package dev.voicebot.common.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotTypeTest {

    @Test
    void digitsComeFromWordsOrNumerals() {
        assertThat(SlotType.DIGITS.parse("It's one two oh nine.")).contains("1209");
        assertThat(SlotType.DIGITS.parse("4 5 21")).contains("4521");
        assertThat(SlotType.DIGITS.parse("I don't know")).isEmpty();
        assertThat(SlotType.DIGITS.spoken("4521")).isEqualTo("4 5 2 1");
    }

    @Test
    void noWinsOverYesInTheSameUtterance() {
        assertThat(SlotType.YES_NO.parse("Yes, please")).contains("yes");
        assertThat(SlotType.YES_NO.parse("no thank you")).contains("no");
        assertThat(SlotType.YES_NO.parse("that is right")).contains("yes");
        assertThat(SlotType.YES_NO.parse("maybe")).isEmpty();
    }

    @Test
    void dayWordsAreFoundInsideSpeech() {
        assertThat(SlotType.DAY.parse("next Monday please")).contains("monday");
        assertThat(SlotType.DAY.parse("tomorrow")).contains("tomorrow");
        assertThat(SlotType.DAY.spoken("monday")).isEqualTo("Monday");
        assertThat(SlotType.DAY.spoken("today")).isEqualTo("today");
        assertThat(SlotType.DAY.parse("whenever")).isEmpty();
    }

    @Test
    void everySlotPhraseParsesToAValue() {
        for (SlotType type : SlotType.values()) {
            assertThat(type.phrases().phrases())
                    .allMatch(phrase -> type.parse(phrase).isPresent(), type.wire());
        }
    }

    @Test
    void templatesRenderAndTidySpaces() {
        ScriptTemplate template = ScriptTemplate.of("Hello {name}, {missing} welcome.");
        assertThat(template.placeholders()).containsExactly("name", "missing");
        assertThat(template.render(Map.of("name", "Asha"))).isEqualTo("Hello Asha, welcome.");
    }

    @Test
    void utterancesAreNormalised() {
        assertThat(Utterances.normalize("  Yes, PLEASE!! ")).isEqualTo("yes please");
        assertThat(Utterances.normalize("I'd like 'that'")).isEqualTo("i'd like that");
        assertThat(Utterances.normalize("... ?")).isEmpty();
    }
}
