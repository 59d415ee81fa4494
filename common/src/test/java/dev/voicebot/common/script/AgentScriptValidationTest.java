package dev.voicebot.common.script;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentScriptValidationTest {

    private static final String HEAD = """
            name: Test line
            variables:
              clinic_name: Test Clinic
            greeting:
              inbound: Hello from {clinic_name}.
            lines:
              no_match: Sorry?
            intents:
            """;

    private static AgentScript parse(String intents) {
        return AgentScript.parse(HEAD + intents, "test.yaml");
    }

    @Test
    void unknownPlaceholderNamesIntentFieldAndChoices() {
        assertThatThrownBy(() -> parse("""
                          - id: book
                            examples: [book]
                            reply: Booked for {dya}.
                        """))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("test.yaml: intents[0] (book).reply: unknown placeholder {dya}")
                .hasMessageContaining("clinic_name");
    }

    @Test
    void aSlotPromptMayOnlyUseSlotsFilledBeforeIt() {
        assertThatThrownBy(() -> parse("""
                          - id: book
                            examples: [book]
                            slots:
                              - {name: day, type: day, prompt: "For {day}?"}
                            reply: Booked for {day}.
                        """))
                .hasMessageStartingWith(
                        "test.yaml: intents[0] (book).slots[0] (day).prompt: unknown placeholder {day}");
    }

    @Test
    void invalidYamlNamesLineAndColumn() {
        assertThatThrownBy(() -> AgentScript.parse("name: x\nintents: [a, b\n", "broken.yaml"))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("broken.yaml: not valid YAML at line");
    }

    @Test
    void unknownFieldIsATypo() {
        assertThatThrownBy(() -> parse("""
                          - id: book
                            exampels: [book]
                            reply: Ok.
                        """))
                .hasMessageStartingWith("test.yaml: intents[0] (book): unknown field 'exampels'");
    }

    @Test
    void missingReplyIsNamed() {
        assertThatThrownBy(() -> parse("""
                          - id: book
                            examples: [book]
                        """)).hasMessage("test.yaml: intents[0] (book).reply: required, missing");
    }

    @Test
    void anExampleBelongsToOneIntent() {
        assertThatThrownBy(() -> parse("""
                          - id: book
                            examples: [new appointment]
                            reply: Ok.
                          - id: change
                            examples: [New appointment!]
                            reply: Ok.
                        """))
                .hasMessageStartingWith("test.yaml: intents[1] (change).examples[0]: 'new appointment' is already"
                        + " an example of intent 'book'");
    }

    @Test
    void numbersInCallerPhrasesMustBeWords() {
        assertThatThrownBy(() -> parse("""
                          - id: book
                            examples: [press 1]
                            reply: Ok.
                        """))
                .hasMessageContaining("intents[0] (book).examples[0]: write numbers as words");
    }

    @Test
    void booleanWhereTextBelongsIsExplained() {
        assertThatThrownBy(() -> parse("""
                          - id: agree
                            examples: [true, sure]
                            reply: Ok.
                        """))
                .hasMessageContaining("intents[0] (agree).examples[0]: YAML reads an unquoted");
    }

    @Test
    void yesNoSlotNeedsOnNo() {
        assertThatThrownBy(() -> parse("""
                          - id: book
                            examples: [book]
                            slots:
                              - {name: confirm, type: yes_no, prompt: Sure?}
                            reply: Ok.
                        """))
                .hasMessage("test.yaml: intents[0] (book).slots[0] (confirm).on_no: required, missing");
    }

    @Test
    void unknownSlotTypeAndActionAreNamed() {
        assertThatThrownBy(() -> parse("""
                          - id: book
                            examples: [book]
                            slots:
                              - {name: when, type: date, prompt: When?}
                            reply: Ok.
                        """))
                .hasMessageContaining("slots[0] (when).type: must be digits, yes_no or day, not 'date'");
        assertThatThrownBy(() -> parse("""
                          - id: book
                            examples: [book]
                            reply: Ok.
                            action: hangup
                        """))
                .hasMessageContaining("intents[0] (book).action: must be none, end_call or transfer");
    }

    @Test
    void duplicateKeysAndIdsAreErrors() {
        assertThatThrownBy(() -> parse("""
                          - id: book
                            examples: [book]
                            reply: Ok.
                          - id: book
                            examples: [reserve]
                            reply: Ok.
                        """)).hasMessageContaining("intents[1] (book): intent id 'book' is used twice");
        assertThatThrownBy(() -> parse("""
                          - id: book
                            dtmf: "1"
                            examples: [book]
                            reply: Ok.
                          - id: hours
                            dtmf: 1
                            examples: [hours]
                            reply: Ok.
                        """))
                .hasMessageContaining("intents[1] (hours).dtmf: key 1 already selects intent 'book'");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> AgentScript.load(missing)).hasMessageStartingWith(missing + ": cannot read");
        assertThatThrownBy(() -> AgentScript.fromLocation("classpath:scripts/nope.yaml"))
                .hasMessage("classpath:scripts/nope.yaml: no such script on the classpath");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        assertThatThrownBy(() -> AgentScript.load(empty)).hasMessage(empty + ": the script is empty");
    }
}
