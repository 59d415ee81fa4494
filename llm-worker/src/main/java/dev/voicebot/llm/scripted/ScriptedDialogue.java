package dev.voicebot.llm.scripted;

import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.script.AgentScript;
import dev.voicebot.common.script.IntentAction;
import dev.voicebot.common.script.ScriptIntent;
import dev.voicebot.common.script.ScriptTemplate;
import dev.voicebot.common.script.SlotSpec;
import dev.voicebot.common.script.SlotType;
import dev.voicebot.common.script.TemplateValues;
import dev.voicebot.llm.provider.CallFacts;
import dev.voicebot.llm.provider.ChatMessage;
import dev.voicebot.llm.provider.ChatRequest;
import dev.voicebot.llm.provider.ChatRole;
import dev.voicebot.llm.provider.InputKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scripted agent's logic. It keeps no state between requests: the dialogue state is rebuilt
 * by replaying the caller's messages of the history, so a restored conversation continues exactly
 * where it was.
 */
final class ScriptedDialogue {

    private final AgentScript script;
    private final IntentMatcher matcher;

    ScriptedDialogue(AgentScript script) {
        this.script = script;
        this.matcher = new IntentMatcher(script);
    }

    ScriptedReply respond(ChatRequest request) {
        Map<String, String> values = baseValues(request.call());
        DialogueState state = new DialogueState();
        boolean botSpoke = false;
        ScriptedReply reply = null;
        for (ChatMessage message : request.messages()) {
            if (message.role() == ChatRole.ASSISTANT && !message.text().isBlank()) {
                botSpoke = true;
            } else if (message.role() == ChatRole.USER) {
                boolean greetFirst = !botSpoke && request.call().direction() == CallDirection.OUTBOUND;
                reply = greetFirst ? greeting(request.call(), values) : step(state, message, values);
                botSpoke = true;
            }
        }
        return reply != null ? reply : greeting(request.call(), values);
    }

    private ScriptedReply greeting(CallFacts call, Map<String, String> values) {
        ScriptTemplate greeting =
                call.direction() == CallDirection.OUTBOUND ? script.outboundGreeting() : script.inboundGreeting();
        return ScriptedReply.say(greeting.render(values));
    }

    private ScriptedReply step(DialogueState state, ChatMessage message, Map<String, String> values) {
        InputKind input = message.input() == null ? InputKind.SPEECH : message.input();
        if (input == InputKind.SILENCE) {
            state.silences++;
            SlotSpec slot = state.pendingSlot();
            return slot != null
                    ? ScriptedReply.say(slot.prompt().render(with(values, state)))
                    : ScriptedReply.say(
                            nth(script.lines().silence(), state.silences).render(values));
        }
        state.silences = 0;
        SlotSpec slot = state.pendingSlot();
        if (slot != null) {
            Optional<String> value = input == InputKind.DTMF
                    ? keyedValue(slot, message.text())
                    : slot.type().parse(message.text());
            if (value.isPresent() && slot.accepts(value.get())) {
                return fill(state, slot, value.get(), values);
            }
            Optional<ScriptIntent> other = chosenIntent(input, message.text())
                    .filter(intent -> intent != state.pending && !isAnswerIntent(intent));
            if (other.isPresent()) {
                return start(state, other.get(), values);
            }
            return ScriptedReply.say(slot.prompt().render(with(values, state)));
        }
        Optional<ScriptIntent> intent = chosenIntent(input, message.text());
        if (intent.isPresent()) {
            state.noMatches = 0;
            return start(state, intent.get(), values);
        }
        state.noMatches++;
        return ScriptedReply.say(nth(script.lines().noMatch(), state.noMatches).render(values));
    }

    private Optional<ScriptIntent> chosenIntent(InputKind input, String text) {
        if (input == InputKind.DTMF) {
            String key = text.replace("#", "");
            return script.intents().stream()
                    .filter(intent -> key.equals(intent.dtmf()))
                    .findFirst();
        }
        return matcher.match(text).map(IntentMatcher.Match::intent);
    }

    /** Keys pressed while a slot is asked for: digits fill a digits slot, 1 and 2 answer yes and no. */
    private static Optional<String> keyedValue(SlotSpec slot, String keys) {
        String digits = keys.replaceAll("[^0-9]", "");
        return switch (slot.type()) {
            case DIGITS -> digits.isEmpty() ? Optional.empty() : Optional.of(digits);
            case YES_NO ->
                digits.equals("1") ? Optional.of("yes") : digits.equals("2") ? Optional.of("no") : Optional.empty();
            case DAY -> Optional.empty();
        };
    }

    /** The yes and no intents answer questions; mid-slot they never start something new. */
    private static boolean isAnswerIntent(ScriptIntent intent) {
        return intent.slots().isEmpty()
                && intent.action() != IntentAction.TRANSFER
                && intent.keywords().isEmpty()
                && intent.dtmf() == null;
    }

    private ScriptedReply start(DialogueState state, ScriptIntent intent, Map<String, String> values) {
        state.start(intent);
        return advance(state, values);
    }

    private ScriptedReply fill(DialogueState state, SlotSpec slot, String value, Map<String, String> values) {
        if (slot.type() == SlotType.YES_NO && value.equals("no")) {
            String said = slot.onNo().render(with(values, state));
            state.drop();
            return ScriptedReply.say(said);
        }
        state.filled.put(slot.name(), slot.type().spoken(value));
        state.slotIndex++;
        return advance(state, values);
    }

    private ScriptedReply advance(DialogueState state, Map<String, String> values) {
        SlotSpec next = state.pendingSlot();
        if (next != null) {
            return ScriptedReply.say(next.prompt().render(with(values, state)));
        }
        ScriptIntent done = state.pending;
        String said = done.reply().render(with(values, state));
        state.drop();
        return new ScriptedReply(said, done.action());
    }

    private Map<String, String> baseValues(CallFacts call) {
        Map<String, String> values = new HashMap<>(TemplateValues.builtIns(
                call.from(), call.to(), call.direction().name(), call.now().withZoneSameInstant(script.zone())));
        values.putAll(script.variables());
        call.values().forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                values.put(name, value);
            }
        });
        return values;
    }

    private static Map<String, String> with(Map<String, String> values, DialogueState state) {
        if (state.filled.isEmpty()) {
            return values;
        }
        Map<String, String> all = new HashMap<>(values);
        all.putAll(state.filled);
        return all;
    }

    private static <T> T nth(List<T> lines, int count) {
        return lines.get(Math.min(Math.max(count, 1), lines.size()) - 1);
    }
}
