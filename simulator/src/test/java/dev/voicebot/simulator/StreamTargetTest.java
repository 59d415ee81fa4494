package dev.voicebot.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamTargetTest {

    @Test
    void takesTheRateFromTheQueryAndPassesOtherParametersAsCustomParameters() {
        StreamTarget target = StreamTarget.resolve("wss://bot.example/ws?sample-rate=24000&agent=a1", null, Map.of());
        assertThat(target.sampleRate()).isEqualTo(24000);
        assertThat(target.customParameters()).containsExactly(Map.entry("agent", "a1"));
        assertThat(target.connectUri().toString()).isEqualTo("wss://bot.example/ws?sample-rate=24000&agent=a1");
    }

    @Test
    void defaultsToEightKilohertzWithoutAddingItToTheUrl() {
        StreamTarget target = StreamTarget.resolve("ws://localhost:8765/ws", null, Map.of());
        assertThat(target.sampleRate()).isEqualTo(8000);
        assertThat(target.connectUri().toString()).isEqualTo("ws://localhost:8765/ws");
    }

    @Test
    void writesAChosenRateIntoTheQuery() {
        StreamTarget target = StreamTarget.resolve("ws://localhost:8765/ws", 16000, Map.of("k", "v w"));
        assertThat(target.connectUri().toString()).isEqualTo("ws://localhost:8765/ws?k=v%20w&sample-rate=16000");
        assertThat(target.customParameters()).containsExactly(Map.entry("k", "v w"));
    }

    @Test
    void turnsUserInfoIntoABasicAuthorizationHeader() {
        StreamTarget target = StreamTarget.resolve("wss://key:token@bot.example/ws", null, Map.of());
        assertThat(target.authorization()).hasValue("Basic a2V5OnRva2Vu");
        assertThat(target.connectUri().toString()).isEqualTo("wss://bot.example/ws");
    }

    @Test
    void rejectsWhatExotelWouldNotAccept() {
        assertThatThrownBy(() -> StreamTarget.resolve("http://bot.example/ws", null, Map.of()))
                .hasMessageContaining("ws://");
        assertThatThrownBy(() -> StreamTarget.resolve("ws://bot.example/ws?sample-rate=11025", null, Map.of()))
                .hasMessageContaining("8000, 16000 or 24000");
        assertThatThrownBy(() -> StreamTarget.resolve("ws://bot.example/ws?sample-rate=8000", 16000, Map.of()))
                .hasMessageContaining("disagrees");
        assertThatThrownBy(() -> StreamTarget.resolve("ws://bot.example/ws?a=1&b=2&c=3&d=4", null, Map.of()))
                .hasMessageContaining("at most 3");
        assertThatThrownBy(() -> StreamTarget.resolve("ws://bot.example/ws", null, Map.of("k", "x".repeat(300))))
                .hasMessageContaining("256 characters");
    }
}
