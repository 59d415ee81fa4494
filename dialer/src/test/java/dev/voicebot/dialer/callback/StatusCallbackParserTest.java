package dev.voicebot.dialer.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusCallbackParserTest {

    @Test
    void readsExotelsFormFieldsWithBracketedLegs() {
        Map<String, String[]> form = new LinkedHashMap<>();
        form.put("CallSid", new String[] {"c1"});
        form.put("EventType", new String[] {"terminal"});
        form.put("Status", new String[] {"no-answer"});
        form.put("CustomField", new String[] {"vb1234"});
        form.put("Legs[0][Status]", new String[] {"no-answer"});
        form.put("Legs[0][OnCallDuration]", new String[] {"0"});
        form.put("Legs[1][Status]", new String[] {"null"});
        form.put("RecordingUrl", new String[] {""});

        StatusCallback callback = StatusCallbackParser.fromForm(form);

        assertThat(callback.callSid()).isEqualTo("c1");
        assertThat(callback.status()).isEqualTo("no-answer");
        assertThat(callback.eventType()).isEqualTo("terminal");
        assertThat(callback.customField()).isEqualTo("vb1234");
        assertThat(callback.terminal()).isTrue();
        assertThat(callback.legs())
                .containsExactly(
                        new StatusCallback.Leg("no-answer", "0", null), new StatusCallback.Leg(null, null, null));
        assertThat(callback.hasRecording()).isFalse();
        assertThat(callback.detail()).isEqualTo("leg 1 no-answer 0s; leg 2 null");
    }

    @Test
    void readsJsonWithLegArraysInAnyLetterCase() {
        String json =
                "{\"callSid\":\"c2\",\"STATUS\":\"completed\",\"eventType\":\"terminal\",\"ConversationDuration\":42,"
                        + "\"Legs\":[{\"Status\":\"completed\",\"OnCallDuration\":45,\"AnsweredBy\":\"Human\"}],"
                        + "\"RecordingUrl\":\"https://recordings.exotel.com/x.mp3\",\"Unknown\":{\"nested\":true}}";

        StatusCallback callback = StatusCallbackParser.fromJson(json.getBytes(StandardCharsets.UTF_8));

        assertThat(callback.callSid()).isEqualTo("c2");
        assertThat(callback.status()).isEqualTo("completed");
        assertThat(callback.legs()).containsExactly(new StatusCallback.Leg("completed", "45", "Human"));
        assertThat(callback.detail())
                .isEqualTo("leg 1 completed 45s answered by Human; conversation 42s; recording available");
    }

    @Test
    void aDefaultCallbackWithAFinalStatusIsTerminalAndAnAnsweredEventIsNot() {
        Map<String, String[]> form = Map.of("CallSid", new String[] {"c3"}, "Status", new String[] {"busy"});
        assertThat(StatusCallbackParser.fromForm(form).terminal()).isTrue();
        Map<String, String[]> answered = Map.of(
                "CallSid", new String[] {"c3"},
                "Status", new String[] {"in-progress"},
                "EventType", new String[] {"Answered"});
        assertThat(StatusCallbackParser.fromForm(answered).terminal()).isFalse();
    }

    @Test
    void aBodyWithoutCallSidIsRefused() {
        assertThatThrownBy(() -> StatusCallbackParser.fromForm(Map.of("Status", new String[] {"completed"})))
                .hasMessageContaining("CallSid");
        assertThatThrownBy(() -> StatusCallbackParser.fromJson("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> StatusCallbackParser.fromJson("{oops".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not JSON");
    }
}
