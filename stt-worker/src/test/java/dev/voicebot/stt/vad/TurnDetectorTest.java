package dev.voicebot.stt.vad;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnDetectorTest {

    private static final int FRAME = 32;
    private final TurnDetector turns = new TurnDetector(new TurnSettings(
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(3)));

    /** Feeds a pattern of frames ('s' speech, '.' silence) and lists what happened at which frame. */
    private List<String> feed(String pattern) {
        List<String> transitions = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            var transition = turns.accept(pattern.charAt(i) == 's', (long) i * FRAME, (long) (i + 1) * FRAME);
            if (transition != TurnDetector.Transition.NONE) {
                transitions.add(transition + "@" + i);
            }
        }
        return transitions;
    }

    @Test
    void speechCountsOnceItLastsTheMinimumAndStartsAtItsFirstFrame() {
        assertThat(feed("...ssss")).containsExactly("STARTED@6");
        assertThat(turns.startMs()).isEqualTo(3 * FRAME);
    }

    @Test
    void clicksShorterThanTheMinimumAreNotSpeech() {
        assertThat(feed("..ss..s..ss...")).isEmpty();
        assertThat(turns.speaking()).isFalse();
    }

    @Test
    void theTurnEndsAfterTheSilenceAndReportsTheLastSpeech() {
        assertThat(feed("ssss" + "..." + "ss" + ".".repeat(16))).containsExactly("STARTED@3", "ENDED@24");
        assertThat(turns.lastSpeechEndMs()).isEqualTo(9 * FRAME);
    }

    @Test
    void pausesShorterThanTheEndOfTurnSilenceKeepTheTurnGoing() {
        assertThat(feed("ssss" + ".".repeat(14) + "ssss")).containsExactly("STARTED@3");
        assertThat(turns.speaking()).isTrue();
    }

    @Test
    void aTurnLongerThanTheMaximumIsEndedAnyway() {
        assertThat(feed("s".repeat(100))).containsExactly("STARTED@3", "ENDED@93", "STARTED@97");
    }
}
