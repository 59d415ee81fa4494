package dev.voicebot.tts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter(60);

    @Test
    void shortTextIsOnePiece() {
        assertThat(splitter.split("Hello there. How are you?")).containsExactly("Hello there. How are you?");
        assertThat(splitter.split("")).isEmpty();
    }

    @Test
    void longTextIsCutAtSentenceBoundariesIntoPiecesThatFit() {
        String text = "Your appointment is on Monday. The clinic opens at nine. Please bring your card."
                + " Parking is free. Call us if you are late.";

        List<String> pieces = splitter.split(text);

        assertThat(pieces).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(60));
        assertThat(String.join(" ", pieces)).isEqualTo(text);
        assertThat(pieces).allSatisfy(piece -> assertThat(piece).endsWith("."));
    }

    @Test
    void aSentenceLongerThanAPieceIsCutAtAClauseThenBetweenWords() {
        String text = "We have tables at seven, at half past seven and at eight on Friday, and on Saturday we have"
                + " one at nine";

        List<String> pieces = splitter.split(text);

        assertThat(pieces).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(60));
        assertThat(pieces.get(0)).endsWith(",");
        assertThat(String.join(" ", pieces)).isEqualTo(text);
    }

    @Test
    void aVeryLongTextLosesNothing() {
        String sentence = "This is sentence number %d of a very long answer.";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            text.append(i == 0 ? "" : " ").append(sentence.formatted(i));
        }

        List<String> pieces = new SentenceSplitter(250).split(text.toString());

        assertThat(pieces).hasSizeGreaterThan(70);
        assertThat(String.join(" ", pieces)).isEqualTo(text.toString());
    }

    @Test
    void aWordLongerThanAPieceIsCutAnyway() {
        String word = "x".repeat(130);

        List<String> pieces = splitter.split(word);

        assertThat(String.join("", pieces)).isEqualTo(word);
        assertThat(pieces).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(60));
    }
}
