package dev.voicebot.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TurnTimelineTest {

    @Test
    void stampsTravelFromHopToHop() {
        var fromStt = new RecordHeaders();
        TurnTimeline.stamp(fromStt, TurnStage.SPEECH_ENDED, 1_000);
        TurnTimeline.stamp(fromStt, TurnStage.TRANSCRIPT_SENT, 2_000);
        RecordHeaderValues.put(fromStt, HeaderNames.TURN_STARTED_AT, 1_000);

        var fromLlm = new RecordHeaders();
        TurnTimeline.forward(fromStt, fromLlm);
        TurnTimeline.stamp(fromLlm, TurnStage.SEGMENT_SENT);

        var stamps = TurnTimeline.read(fromLlm);
        assertThat(stamps).containsKeys(TurnStage.SPEECH_ENDED, TurnStage.TRANSCRIPT_SENT, TurnStage.SEGMENT_SENT);
        assertThat(stamps.get(TurnStage.SEGMENT_SENT)).isGreaterThan(2_000);
        assertThat(RecordHeaderValues.text(fromLlm, HeaderNames.TURN_STARTED_AT))
                .isEqualTo("1000");
    }

    @Test
    void aBadStampIsLeftOutNotFatal() {
        var headers = new RecordHeaders();
        RecordHeaderValues.put(headers, TurnStage.LLM_RECEIVED.header(), "soon");
        TurnTimeline.stamp(headers, TurnStage.TTS_RECEIVED, 0);
        assertThat(TurnTimeline.read(headers)).isEmpty();
    }

    @Test
    void headerNamesAreReadable() {
        assertThat(TurnStage.LLM_FIRST_TOKEN.header()).isEqualTo("vb-t-llm-first-token");
        assertThat(TurnStage.FIRST_AUDIO_ON_SOCKET.key()).isEqualTo("first_audio_on_socket");
    }
}
