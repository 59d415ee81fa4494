package dev.voicebot.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentCutterTest {

    private static List<String> cutAll(SegmentCutter cutter, String... deltas) {
        List<String> segments = new ArrayList<>();
        for (String delta : deltas) {
            segments.addAll(cutter.feed(delta));
        }
        String rest = cutter.finish();
        if (!rest.isEmpty()) {
            segments.add(rest);
        }
        return segments;
    }

    @Test
    void firstSegmentLeavesAtTheFirstClauseOnceTheNextWordBegins() {
        SegmentCutter cutter = new SegmentCutter();
        assertThat(cutter.feed("Sure, I can help with that,")).isEmpty();
        assertThat(cutter.feed(" w")).containsExactly("Sure, I can help with that,");
    }

    @Test
    void laterSegmentsAreSentences() {
        List<String> segments = cutAll(
                new SegmentCutter(),
                "Hello, and thank you for calling. ",
                "I can book, change or cancel an appointment, or tell you our hours. How can I help?");
        assertThat(segments)
                .containsExactly(
                        "Hello, and thank you for calling.",
                        "I can book, change or cancel an appointment, or tell you our hours.",
                        "How can I help?");
    }

    @Test
    void abbreviationsAndDecimalsDoNotCut() {
        assertThat(cutAll(new SegmentCutter(), "Dr. Mehta sees you at 3.30 today. Bye."))
                .containsExactly("Dr. Mehta sees you at 3.30 today.", "Bye.");
    }

    @Test
    void textWithoutPunctuationIsCutWhenLong() {
        String words = "word ".repeat(100).strip();
        List<String> segments = cutAll(new SegmentCutter(), words);
        assertThat(segments).hasSizeGreaterThan(1).allMatch(s -> s.length() <= 230);
        assertThat(String.join(" ", segments)).isEqualTo(words);
    }

    @Test
    void theLastSegmentIsNeverEmpty() {
        SegmentCutter cutter = new SegmentCutter();
        assertThat(cutter.feed("Goodbye. ")).isEmpty();
        assertThat(cutter.finish()).isEqualTo("Goodbye.");
    }

    @Test
    void aWholeLineIsCutAsWhenItArrivesAtOnce() {
        String line = "Hello, and thank you for calling. I can book an appointment. How can I help?";
        assertThat(SegmentCutter.segments(line))
                .containsExactlyElementsOf(cutAll(new SegmentCutter(), line))
                .containsExactly("Hello, and thank you for calling.", "I can book an appointment.", "How can I help?");
    }
}
