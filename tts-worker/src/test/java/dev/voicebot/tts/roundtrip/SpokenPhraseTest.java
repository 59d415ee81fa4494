package dev.voicebot.tts.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpokenPhraseTest {

    @Test
    void spellsDigitsAndDropsPunctuationButKeepsApostrophes() {
        assertThat(SpokenPhrase.of("Done. We didn't text your number ending 3 2 1 0. Okay?"))
                .isEqualTo("done we didn't text your number ending three two one zero okay");
    }

    @Test
    void readsNumbersBelowOneThousandAsCardinals() {
        assertThat(SpokenPhrase.of("It costs ₹45, or 7 for 120 people, 100 times."))
                .isEqualTo("it costs forty five rupees or seven for one hundred twenty people one hundred times");
    }

    @Test
    void stripsMarkupAsTheWorkerDoesBeforeTheVoiceSpeaks() {
        assertThat(SpokenPhrase.of("<speak>**Hello** — there!</speak>")).isEqualTo("hello there");
    }

    @Test
    void refusesNumbersTheVoiceDoesNotReadAsCardinals() {
        assertThatThrownBy(() -> SpokenPhrase.of("Booking 4521 is ready."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4521");
        assertThatThrownBy(() -> SpokenPhrase.of("Room 007.")).isInstanceOf(IllegalArgumentException.class);
    }
}
