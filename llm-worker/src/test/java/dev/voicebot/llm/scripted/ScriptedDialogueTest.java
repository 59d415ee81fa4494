package dev.voicebot.llm.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.script.AgentScript;
import dev.voicebot.common.script.IntentAction;
import dev.voicebot.common.script.PhraseFamily;
import dev.voicebot.llm.provider.CallFacts;
import dev.voicebot.llm.provider.ChatMessage;
import dev.voicebot.llm.provider.ChatRequest;
import dev.voicebot.llm.provider.InputKind;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptedDialogueTest {

    private final AgentScript script = AgentScript.demo();
    private final ScriptedDialogue dialogue = new ScriptedDialogue(script);
    private final IntentMatcher matcher = new IntentMatcher(script);

    /** Plays a call: each input gets the agent's reply, which joins the history as heard. */
    private final class Call {
        final List<ChatMessage> history = new ArrayList<>();
        final CallDirection direction;
        final Map<String, String> values;

        Call(CallDirection direction, Map<String, String> values) {
            this.direction = direction;
            this.values = values;
        }

        ScriptedReply open() {
            return reply();
        }

        ScriptedReply say(String text) {
            history.add(ChatMessage.user(InputKind.SPEECH, text));
            return reply();
        }

        ScriptedReply press(String keys) {
            history.add(ChatMessage.user(InputKind.DTMF, keys));
            return reply();
        }

        ScriptedReply silence() {
            history.add(ChatMessage.user(InputKind.SILENCE, ""));
            return reply();
        }

        private ScriptedReply reply() {
            ScriptedReply reply = dialogue.respond(new ChatRequest(
                    "",
                    history,
                    List.of(),
                    new CallFacts("+919876543210", "+918041234567", direction, values, ZonedDateTime.now())));
            history.add(ChatMessage.assistant(reply.text()));
            return reply;
        }
    }

    private Call inbound() {
        return new Call(CallDirection.INBOUND, Map.of());
    }

    @Test
    void everyExampleOfTheGrammarMatchesItsOwnIntent() {
        for (PhraseFamily family : script.phraseFamilies()) {
            if (!family.name().startsWith("intent:")) {
                continue;
            }
            String id = family.name().substring("intent:".length());
            for (String phrase : family.phrases()) {
                assertThat(matcher.match(phrase)).as(phrase).hasValueSatisfying(match -> assertThat(
                                match.intent().id())
                        .isEqualTo(id));
            }
        }
    }

    @Test
    void freeSpeechMatchesByKeywordsAndContent() {
        assertThat(matcher.match("Hi, I'd like to book a check-up for my son"))
                .hasValueSatisfying(m -> assertThat(m.intent().id()).isEqualTo("book"));
        assertThat(matcher.match("Can I talk to the receptionist please?"))
                .hasValueSatisfying(m -> assertThat(m.intent().id()).isEqualTo("human"));
        assertThat(matcher.match("what's the weather like")).isEmpty();
    }

    @Test
    void bookingFillsTheDayThenConfirms() {
        Call call = inbound();
        assertThat(call.open().text()).startsWith("Hello, and thank you for calling Sunrise Family Clinic.");
        assertThat(call.say("book an appointment").text()).startsWith("Sure. Which day");
        assertThat(call.say("tomorrow").text())
                .isEqualTo("So that's an appointment with Doctor Mehta for tomorrow. Shall I book it?");
        ScriptedReply done = call.say("yes");
        assertThat(done.text())
                .contains("You're booked with Doctor Mehta for tomorrow")
                .contains("ending 3 2 1 0");
        assertThat(done.action()).isEqualTo(IntentAction.NONE);
        ScriptedReply bye = call.say("no thanks");
        assertThat(bye.text()).isEqualTo("Alright. Thank you for calling Sunrise Family Clinic. Goodbye.");
        assertThat(bye.action()).isEqualTo(IntentAction.END_CALL);
    }

    @Test
    void rescheduleTakesKeyedDigitsAndASlotAnswerOfNo() {
        Call call = inbound();
        call.open();
        assertThat(call.press("2").text()).contains("booking number");
        assertThat(call.press("12").text()).as("too short: asked again").contains("booking number");
        assertThat(call.say("four five two one").text()).isEqualTo("Thanks. Which day would you like instead?");
        assertThat(call.say("on friday").text()).isEqualTo("So I'll move booking 4 5 2 1 to Friday. Is that right?");
        assertThat(call.say("no").text()).startsWith("Okay, I've left your appointment as it was.");
        assertThat(call.say("opening hours").text()).startsWith("We're open Monday to Saturday");
    }

    @Test
    void anotherIntentInterruptsASlot() {
        Call call = inbound();
        call.open();
        call.say("cancel my appointment");
        ScriptedReply transfer = call.say("speak to someone");
        assertThat(transfer.action()).isEqualTo(IntentAction.TRANSFER);
        assertThat(transfer.text()).startsWith("Of course.");
    }

    @Test
    void noMatchAndSilenceLinesGoInTurn() {
        Call call = inbound();
        call.open();
        assertThat(call.say("purple elephants").text()).startsWith("Sorry, I didn't catch that.");
        assertThat(call.say("purple elephants").text()).startsWith("Sorry, I still didn't get that.");
        assertThat(call.say("purple elephants").text()).startsWith("Sorry, I still didn't get that.");
        assertThat(call.silence().text()).startsWith("Are you still there?");
        assertThat(call.silence().text()).startsWith("I can't hear you.");
        call.say("book an appointment");
        assertThat(call.silence().text())
                .as("silence in a slot repeats its question")
                .startsWith("Sure. Which day");
    }

    @Test
    void outboundCallsGreetWhenTheCalleeSpeaksFirstWithTheirVariables() {
        Call call = new Call(CallDirection.OUTBOUND, Map.of("caller_name", "Asha"));
        assertThat(call.say("hello").text()).startsWith("Hello Asha, this is the appointment line of Sunrise");
        assertThat(call.say("book an appointment").text()).startsWith("Sure. Which day");
    }

    @Test
    void customParametersOverrideScriptVariables() {
        Call call = new Call(CallDirection.INBOUND, Map.of("clinic_name", "Lakeside Clinic"));
        assertThat(call.open().text()).contains("calling Lakeside Clinic.");
    }
}
