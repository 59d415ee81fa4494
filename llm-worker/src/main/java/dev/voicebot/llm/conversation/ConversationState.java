package dev.voicebot.llm.conversation;

import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.kafka.UndecodableRecordException;
import dev.voicebot.llm.provider.ChatMessage;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * The snapshot of a conversation on the compacted state topic (key: call sid). A turn the caller
 * may still be hearing is in the history as spoken; a barge-in rewrites it to what was heard.
 *
 * @param v the document's schema version
 * @param started whether the call was greeted (or its start handled) already
 * @param turn the last bot turn number used; a new owner continues after it
 * @param unfinishedTurn the reply that was being produced (0: none); a new owner cuts what was
 *     published of it and answers again, so a hand-over mid-reply never leaves the caller waiting
 * @param inputOffsets per input topic, the offset of the newest caller input handled
 * @param updatedAt epoch ms of the snapshot
 */
public record ConversationState(
        int v,
        String callSid,
        CallContext context,
        boolean started,
        int turn,
        List<ChatMessage> history,
        int silenceReprompts,
        boolean ending,
        int unfinishedTurn,
        Map<String, Long> inputOffsets,
        long updatedAt) {

    public static final int VERSION = 1;
    private static final String INTERRUPTED_TOOL_RESULT =
            "{\"error\":\"interrupted: the call moved to another worker\"}";

    public ConversationState {
        history = history == null ? List.of() : List.copyOf(history);
        inputOffsets = inputOffsets == null ? Map.of() : Map.copyOf(inputOffsets);
    }

    public byte[] encode() {
        return EventCodec.mapper().writeValueAsBytes(this);
    }

    public static ConversationState decode(byte[] json) {
        try {
            ConversationState state = EventCodec.mapper().readValue(json, ConversationState.class);
            if (state.callSid() == null || state.context() == null) {
                throw new UndecodableRecordException("conversation state without call sid or context");
            }
            return state;
        } catch (JacksonException e) {
            throw new UndecodableRecordException("not a conversation state: " + e.getOriginalMessage(), e);
        }
    }

    static ConversationState of(Conversation conversation, long now) {
        List<ChatMessage> history = new java.util.ArrayList<>(conversation.history);
        BotTurn turn = conversation.activeTurn;
        if (turn != null && turn.phase == BotTurn.Phase.SPOKEN && turn.hasAnswer()) {
            history.add(ChatMessage.assistant(turn.spokenText()));
        }
        boolean unfinished = turn != null && turn.phase == BotTurn.Phase.STREAMING;
        if (unfinished) {
            // a model rejects tool calls without results: the new owner's request must be whole
            turn.runningToolCalls.forEach(
                    call -> history.add(ChatMessage.toolResult(call.id(), INTERRUPTED_TOOL_RESULT)));
        }
        return new ConversationState(
                VERSION,
                conversation.callSid(),
                conversation.context,
                conversation.started,
                conversation.turnCounter,
                history,
                conversation.silenceReprompts,
                conversation.ending,
                unfinished ? turn.number : 0,
                conversation.inputOffsets,
                now);
    }

    Conversation restore(int partition) {
        Conversation conversation = new Conversation(context);
        conversation.started = started;
        conversation.turnCounter = turn;
        conversation.history.addAll(history);
        conversation.silenceReprompts = silenceReprompts;
        conversation.ending = ending;
        conversation.unfinishedTurn = unfinishedTurn;
        conversation.inputOffsets.putAll(inputOffsets);
        conversation.partition = partition;
        return conversation;
    }
}
