package dev.voicebot.llm.conversation;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.ClearAudio;
import dev.voicebot.common.event.EndCall;
import dev.voicebot.common.event.ProviderFailed;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.kafka.SegmentKind;
import dev.voicebot.common.kafka.TurnStage;
import dev.voicebot.common.kafka.TurnTimeline;
import dev.voicebot.llm.provider.CallFacts;
import dev.voicebot.llm.provider.ChatCompletion;
import dev.voicebot.llm.provider.ChatMessage;
import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.provider.ChatRequest;
import dev.voicebot.llm.provider.ChatStreamHandler;
import dev.voicebot.llm.provider.ProviderException;
import dev.voicebot.llm.provider.ToolCall;
import dev.voicebot.llm.tools.AgentTool;
import dev.voicebot.llm.tools.CallControlTools;
import dev.voicebot.llm.tools.ToolCallContext;
import dev.voicebot.llm.tools.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs bot turns: asks the provider, cuts its text into segments as it streams, runs tools, ends
 * the call when the agent says so, and cancels a turn the caller talks over. Every method expects
 * the conversation's lock held; provider callbacks and tool results take it themselves.
 */
final class TurnDriver {

    private static final Logger log = LoggerFactory.getLogger(TurnDriver.class);
    /** How long a call the bot ended is kept, waiting for the gateway's end of call, before it is forgotten. */
    private static final Duration ENDING_GRACE = Duration.ofMinutes(2);

    private final ChatProvider provider;
    private final ToolRegistry tools;
    private final BotOutput output;
    private final SystemPromptTemplate systemPrompt;
    private final AgentLines lines;
    private final ConversationSettings settings;
    private final CallTimers timers;
    private final Executor toolExecutor;
    private final Clock clock;
    private final TurnObserver observer;

    TurnDriver(
            ChatProvider provider,
            ToolRegistry tools,
            BotOutput output,
            SystemPromptTemplate systemPrompt,
            AgentLines lines,
            ConversationSettings settings,
            CallTimers timers,
            Executor toolExecutor,
            Clock clock,
            TurnObserver observer) {
        this.provider = provider;
        this.tools = tools;
        this.output = output;
        this.systemPrompt = systemPrompt;
        this.lines = lines;
        this.settings = settings;
        this.timers = timers;
        this.toolExecutor = toolExecutor;
        this.clock = clock;
        this.observer = observer;
    }

    /** Starts a turn answering {@code input}, or opening the call when it is {@code null}. */
    void respond(Conversation conversation, ChatMessage input, long turnStartedAtMicros) {
        respond(conversation, input, turnStartedAtMicros, Map.of());
    }

    /** Starts a turn answering {@code input}, carrying the timeline of the record that asked for it. */
    void respond(Conversation conversation, ChatMessage input, long turnStartedAtMicros, Map<TurnStage, Long> stamps) {
        settleSpokenTurn(conversation);
        timers.disarmIdle(conversation);
        if (input != null) {
            conversation.history.add(input);
        }
        BotTurn turn = conversation.newTurn(turnStartedAtMicros, input == null ? 0 : System.nanoTime());
        turn.stamps.putAll(stamps);
        requestRound(conversation, turn);
        if (input != null && settings.fillerDelay().isPositive()) {
            timers.after(settings.fillerDelay(), () -> offerFiller(conversation, turn));
        }
        // saved as unfinished: a worker that takes the call over before the reply is done answers again
        output.state(conversation.callSid(), ConversationState.of(conversation, clock.millis()));
    }

    /**
     * After a takeover: the previous owner stopped in the middle of a reply. Whatever it published
     * of that reply is cut (the gateway may be playing its first sentence) and the reply is asked
     * for again, at once, rather than after the caller's silence times out.
     */
    void resumeUnfinished(Conversation conversation) {
        int unfinished = conversation.unfinishedTurn;
        conversation.unfinishedTurn = 0;
        if (unfinished == 0 || conversation.ending || conversation.activeTurn != null) {
            return;
        }
        long now = clock.millis();
        String route = conversation.context.route();
        output.bot(new TurnCancelled(conversation.callSid(), unfinished, now), route, 0, Map.of());
        output.gateway(new ClearAudio(conversation.callSid(), unfinished, now), route);
        log.info(
                "call {}: answering turn {} again, the previous worker left it unfinished",
                conversation.callSid(),
                unfinished);
        respond(conversation, null, 0);
    }

    /**
     * The reply is late: says the filler line once, as the turn's first segment, so the caller
     * hears the bot is there. The answer follows in the same turn (barge-in works as for any
     * segment); the filler stays out of the history.
     */
    private void offerFiller(Conversation conversation, BotTurn turn) {
        conversation.lock.lock();
        try {
            if (conversation.activeTurn == turn
                    && turn.phase == BotTurn.Phase.STREAMING
                    && turn.segments.isEmpty()
                    && !lines.filler().isBlank()) {
                publish(conversation, turn, lines.filler(), false, SegmentKind.FILLER);
            }
        } finally {
            conversation.lock.unlock();
        }
    }

    /** Says a fixed line as a turn of its own, then does {@code action} (may be {@code null}). */
    void speak(Conversation conversation, String text, CallAction action) {
        settleSpokenTurn(conversation);
        timers.disarmIdle(conversation);
        BotTurn turn = conversation.newTurn(0, 0);
        turn.action = action;
        turn.cutter.feed(text).forEach(segment -> publish(conversation, turn, segment, false));
        finish(conversation, turn, turn.cutter.finish());
    }

    /**
     * Barge-in: cancels the turn in flight or still playing, tells the TTS worker and the gateway
     * to drop it, and keeps in the history what the caller had heard.
     *
     * @return whether a turn was cancelled
     */
    boolean interrupt(Conversation conversation) {
        BotTurn turn = conversation.activeTurn;
        if (turn == null || !turn.interruptible()) {
            return false;
        }
        long now = clock.millis();
        if (turn.stream != null) {
            turn.stream.cancel();
        }
        closeRunningTools(conversation, turn, "cancelled: the caller interrupted");
        String route = conversation.context.route();
        output.bot(new TurnCancelled(conversation.callSid(), turn.number, now), route, 0, Map.of());
        output.gateway(new ClearAudio(conversation.callSid(), turn.number, now), route);
        String heard = turn.heardBy(now, settings.speechCharactersPerSecond());
        if (!heard.isBlank()) {
            conversation.history.add(ChatMessage.assistant(heard));
        }
        turn.phase = BotTurn.Phase.DONE;
        conversation.activeTurn = null;
        output.state(conversation.callSid(), ConversationState.of(conversation, now));
        return true;
    }

    /** The gateway reports a turn's audio played to the end. */
    void markPlayed(Conversation conversation, int turnNumber) {
        BotTurn turn = conversation.activeTurn;
        if (turn != null && turn.number == turnNumber && turn.phase == BotTurn.Phase.SPOKEN) {
            settleSpokenTurn(conversation);
        }
        if (conversation.activeTurn == null && !conversation.ending && turnNumber == conversation.turnCounter) {
            timers.armIdle(conversation, settings.idleTimeout());
        }
    }

    /** Stops whatever runs, without telling anyone: the call ended or moved to another worker. */
    void abandon(Conversation conversation) {
        BotTurn turn = conversation.activeTurn;
        if (turn != null && turn.stream != null) {
            turn.stream.cancel();
        }
        if (turn != null) {
            turn.phase = BotTurn.Phase.DONE;
        }
        conversation.activeTurn = null;
        conversation.cancelTimers();
    }

    /** A turn fully published counts as heard once the next one starts (its mark may lag). */
    private void settleSpokenTurn(Conversation conversation) {
        BotTurn turn = conversation.activeTurn;
        if (turn == null) {
            return;
        }
        if (turn.phase == BotTurn.Phase.SPOKEN && turn.hasAnswer()) {
            conversation.history.add(ChatMessage.assistant(turn.spokenText()));
        }
        if (turn.phase == BotTurn.Phase.STREAMING && turn.stream != null) {
            turn.stream.cancel();
        }
        turn.phase = BotTurn.Phase.DONE;
        conversation.activeTurn = null;
    }

    private void requestRound(Conversation conversation, BotTurn turn) {
        CallContext context = conversation.context;
        var now = clock.instant();
        ChatRequest request = new ChatRequest(
                systemPrompt.render(context, turn.number, now),
                conversation.history,
                tools.specs(),
                new CallFacts(
                        context.from(),
                        context.to(),
                        context.direction(),
                        context.values(),
                        now.atZone(settings.zone())));
        turn.stream = provider.stream(request, new RoundHandler(conversation, turn));
    }

    private void publish(Conversation conversation, BotTurn turn, String text, boolean last) {
        publish(conversation, turn, text, last, SegmentKind.ANSWER);
    }

    private void publish(Conversation conversation, BotTurn turn, String text, boolean last, SegmentKind kind) {
        long now = clock.millis();
        int sequence = turn.segments.size();
        BotSegment segment = new BotSegment(
                conversation.callSid(), turn.number, sequence, text, last, conversation.context.sampleRate(), now);
        // the reply's own first segment, not a filler said while waiting for it
        boolean firstOfReply = kind != SegmentKind.FILLER && !turn.hasAnswer();
        output.segment(segment, kind, conversation.context.route(), turn.turnStartedAtMicros, turn.stamps);
        turn.segments.add(new BotTurn.Spoken(text, now, kind == SegmentKind.FILLER));
        if (firstOfReply && turn.inputNanos != 0) {
            observer.firstSegment(Duration.ofNanos(System.nanoTime() - turn.inputNanos));
        }
    }

    /** Ends a turn: publishes the rest as the last segment, then ends the call if the turn says so. */
    private void finish(Conversation conversation, BotTurn turn, String rest) {
        finish(conversation, turn, rest, SegmentKind.ANSWER);
    }

    private void finish(Conversation conversation, BotTurn turn, String rest, SegmentKind kind) {
        if (!turn.hasAnswer() && rest.isEmpty() && turn.action != null) {
            rest = lines.forAction(turn.action);
        }
        if (!rest.isEmpty() || !turn.segments.isEmpty()) {
            // After a tool round the text so far may already be out; an empty last segment then
            // only closes the turn.
            publish(conversation, turn, rest, true, kind);
        }
        turn.phase = BotTurn.Phase.SPOKEN;
        long now = clock.millis();
        if (turn.action != null) {
            conversation.ending = true;
            conversation.cancelTimers();
            timers.armTimeLimit(conversation, ENDING_GRACE);
            output.gateway(
                    new EndCall(conversation.callSid(), turn.action.reason(), true, turn.number, now),
                    conversation.context.route());
        } else if (turn.segments.isEmpty()) {
            turn.phase = BotTurn.Phase.DONE;
            conversation.activeTurn = null;
            timers.armIdle(conversation, settings.idleTimeout());
        } else {
            // Re-armed from the turn's mark when the gateway reports it played.
            Duration playing = Duration.ofMillis(turn.estimatedSpeechMs(settings.speechCharactersPerSecond()));
            timers.armIdle(conversation, settings.idleTimeout().plus(playing));
        }
        output.state(conversation.callSid(), ConversationState.of(conversation, now));
    }

    private void closeRunningTools(Conversation conversation, BotTurn turn, String result) {
        for (ToolCall call : turn.runningToolCalls) {
            conversation.history.add(ChatMessage.toolResult(call.id(), result));
        }
        turn.runningToolCalls.clear();
    }

    private void runTools(Conversation conversation, BotTurn turn, List<ToolCall> calls, ToolCallContext context) {
        List<ChatMessage> results = new ArrayList<>();
        for (ToolCall call : calls) {
            results.add(ChatMessage.toolResult(call.id(), invoke(call, context)));
        }
        conversation.lock.lock();
        try {
            if (conversation.activeTurn != turn || turn.phase != BotTurn.Phase.STREAMING) {
                return;
            }
            turn.runningToolCalls.clear();
            conversation.history.addAll(results);
            requestRound(conversation, turn);
        } finally {
            conversation.lock.unlock();
        }
    }

    private String invoke(ToolCall call, ToolCallContext context) {
        Optional<AgentTool> tool = tools.applicationTool(call.name());
        if (tool.isEmpty()) {
            return "{\"error\":\"no tool named " + call.name().replace("\"", "") + "\"}";
        }
        try {
            return tool.get().call(call.argumentsJson(), context);
        } catch (Exception e) {
            log.warn("tool {} failed for call {}: {}", call.name(), context.callSid(), e.toString());
            return "{\"error\":\"the tool failed\"}";
        }
    }

    /** Receives one provider round of a turn; stale callbacks (turn cancelled or replaced) are dropped. */
    private final class RoundHandler implements ChatStreamHandler {

        private final Conversation conversation;
        private final BotTurn turn;

        RoundHandler(Conversation conversation, BotTurn turn) {
            this.conversation = conversation;
            this.turn = turn;
        }

        private boolean current() {
            return conversation.activeTurn == turn && turn.phase == BotTurn.Phase.STREAMING;
        }

        @Override
        public void onText(String delta) {
            conversation.lock.lock();
            try {
                if (current()) {
                    turn.stamps.putIfAbsent(TurnStage.LLM_FIRST_TOKEN, TurnTimeline.nowMicros());
                    turn.cutter.feed(delta).forEach(segment -> publish(conversation, turn, segment, false));
                }
            } finally {
                conversation.lock.unlock();
            }
        }

        @Override
        public void onToolCall(ToolCall call) {
            conversation.lock.lock();
            try {
                if (current()) {
                    turn.roundToolCalls.add(call);
                }
            } finally {
                conversation.lock.unlock();
            }
        }

        @Override
        public void onComplete(ChatCompletion completion) {
            conversation.lock.lock();
            try {
                if (!current()) {
                    return;
                }
                List<ToolCall> calls = List.copyOf(turn.roundToolCalls);
                turn.roundToolCalls.clear();
                Optional<ToolCall> control = calls.stream()
                        .filter(call -> CallControlTools.isCallControl(call.name()))
                        .findFirst();
                List<ToolCall> applicationCalls = calls.stream()
                        .filter(call -> !CallControlTools.isCallControl(call.name()))
                        .toList();
                if (control.isEmpty() && !applicationCalls.isEmpty() && turn.toolRounds < settings.maxToolRounds()) {
                    startToolRound(applicationCalls);
                    return;
                }
                control.ifPresent(call -> turn.action =
                        CallControlTools.END_CALL.equals(call.name()) ? CallAction.END_CALL : CallAction.TRANSFER);
                finish(conversation, turn, turn.cutter.finish());
            } finally {
                conversation.lock.unlock();
            }
        }

        @Override
        public void onError(ProviderException error) {
            conversation.lock.lock();
            try {
                if (!current()) {
                    return;
                }
                log.warn(
                        "{} provider failed in turn {} of call {} ({}, retryable {}): {}",
                        provider.name(),
                        turn.number,
                        conversation.callSid(),
                        error.kind(),
                        error.retryable(),
                        error.getMessage());
                output.bot(
                        new ProviderFailed(
                                conversation.callSid(),
                                "llm",
                                provider.name(),
                                error.kind() + ": " + error.getMessage(),
                                error.retryable(),
                                clock.millis()),
                        conversation.context.route(),
                        0,
                        Map.of());
                turn.cutter.finish();
                closeRunningTools(conversation, turn, "failed");
                // One segment, exactly the configured line: the TTS worker keeps it in its phrase
                // cache, so it plays even while a cloud voice is down.
                finish(conversation, turn, lines.fallback(), SegmentKind.FALLBACK);
            } finally {
                conversation.lock.unlock();
            }
        }

        private void startToolRound(List<ToolCall> calls) {
            turn.toolRounds++;
            String soFar = turn.cutter.finish();
            if (!soFar.isEmpty()) {
                publish(conversation, turn, soFar, false);
            }
            conversation.history.add(ChatMessage.assistantToolCalls(calls));
            turn.runningToolCalls.addAll(calls);
            CallContext context = conversation.context;
            ToolCallContext toolContext =
                    new ToolCallContext(context.callSid(), context.from(), context.to(), context.values());
            toolExecutor.execute(() -> runTools(conversation, turn, calls, toolContext));
        }
    }
}
