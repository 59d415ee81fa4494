package dev.voicebot.stt.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetMapTest {

    @Test
    void mapsRecognizerTimeBackToCallTimeAcrossCutSilences() {
        OffsetMap offsets = new OffsetMap();
        offsets.mark(0, 2_000);
        offsets.mark(1_500, 9_000);

        assertThat(offsets.toCall(0)).isEqualTo(2_000);
        assertThat(offsets.toCall(1_200)).isEqualTo(3_200);
        assertThat(offsets.toCall(1_500)).isEqualTo(9_000);
        assertThat(offsets.toCall(2_100)).isEqualTo(9_600);
    }

    @Test
    void withoutMarksOffsetsAreTheirOwn() {
        assertThat(new OffsetMap().toCall(1234)).isEqualTo(1234);
    }
}
