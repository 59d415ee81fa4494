package dev.voicebot.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.common.script.AgentScript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDialogueTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 12, 10, 30, 0, 0, ZoneId.of("Asia/Kolkata"));

    @Test
    void everyCallerLineIsAPhraseTheRecognizerListensFor() {
        DemoDialogue dialogue = DemoDialogue.demo();
        List<String> phrases = dialogue.script().callerPhrases();
        assertThat(dialogue.steps()).extracting(DemoDialogue.Step::line).allSatisfy(line -> assertThat(phrases)
                .contains(line));
        assertThat(dialogue.steps().get(dialogue.bargeInStep()).cue()).isEqualTo(DemoDialogue.Cue.OVER_BOT);
        assertThat(dialogue.steps().getLast().botEnds()).isTrue();
    }

    @Test
    void expectsTheScriptsLinesPersonalisedForTheCall() {
        List<String> lines = DemoDialogue.demo().expectedBotLines("+919876543210", "+918000000000", NOW);
        assertThat(lines).hasSize(DemoDialogue.demo().steps().size() + 1);
        assertThat(lines.getFirst()).startsWith("Hello, and thank you for calling Sunrise Family Clinic.");
        assertThat(lines.get(1)).startsWith("Sure. Which day would you like to come in?");
        assertThat(lines.get(2)).isEqualTo("So that's an appointment with Doctor Mehta for tomorrow. Shall I book it?");
        assertThat(lines.get(3)).contains("for tomorrow", "ending 3 2 1 0");
        assertThat(lines.get(4)).startsWith("We're open Monday to Saturday");
        assertThat(lines.getLast()).isEqualTo("Thank you for calling Sunrise Family Clinic. Take care, goodbye.");
    }

    @Test
    void refusesAScriptWithoutTheIntentsItUses() throws IOException {
        String yaml = demoYaml().replace("- id: hours", "- id: timings");
        AgentScript script = AgentScript.parse(yaml, "edited.yaml");
        assertThatThrownBy(() -> DemoDialogue.of(script))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("edited.yaml")
                .hasMessageContaining("'hours'");
    }

    private static String demoYaml() throws IOException {
        try (InputStream in = AgentScript.class.getClassLoader().getResourceAsStream(AgentScript.DEMO_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
