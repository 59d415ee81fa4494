package dev.voicebot.llm.conversation;

import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.CallStatusChanged;
import dev.voicebot.common.event.DtmfReceived;
import dev.voicebot.common.event.MarkPlayed;
import dev.voicebot.common.event.OutboundCallPlaced;
import dev.voicebot.common.event.SpeechEnded;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.privacy.Redact;
import dev.voicebot.common.script.TemplateValues;
import dev.voicebot.common.script.Utterances;
import dev.voicebot.llm.provider.ChatMessage;
import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.provider.InputKind;
import dev.voicebot.llm.tools.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All conversations of this worker. Kafka consumer threads hand it each call event and speech
 * event of their partitions ({@link #handle}); it keeps one {@link Conversation} per call, created
 * at the call's start, restored from the state topic after a takeover, or started from what the
 * event tells when neither is possible.
 */
public final class ConversationEngine implements CallTimers.Target, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);
    private static final Set<String> NOISE_WORDS =
            Set.of("um", "uh", "hmm", "hm", "mm", "mhm", "ah", "er", "erm", "huh", "uhm", "the", "a");
    private static final Set<String> TERMINAL_STATUSES = Set.of("failed", "busy", "no-answer", "canceled", "completed");

    private final CallRegistry calls;
    private final BotOutput output;
    private final ConversationSettings settings;
    private final AgentLines lines;
    private final CallTimers timers;
    private final TurnDriver turns;
    private final Clock clock;

    public ConversationEngine(
            ChatProvider provider,
            ToolRegistry tools,
            BotOutput output,
            ConversationRestorer restorer,
            SystemPromptTemplate systemPrompt,
            AgentLines lines,
            ConversationSettings settings,
            ScheduledExecutorService scheduler,
            Executor toolExecutor,
            Clock clock,
            TurnObserver observer) {
        this.output = output;
        this.settings = settings;
        this.lines = lines;
        this.clock = clock;
        this.timers = new CallTimers(scheduler, this);
        this.turns = new TurnDriver(
                provider, tools, output, systemPrompt, lines, settings, timers, toolExecutor, clock, observer);
        this.calls = new CallRegistry(restorer, this::startTimersOfRestored, turns::abandon);
    }

    /**
     * Handles one event of a call, on the consumer thread of the record's partition.
     *
     * @param record where the event came from
     */
    public void handle(VoicebotEvent event, InputRecord record) {
        String route = record.route();
        int partition = record.partition();
        switch (event) {
            case CallStarted started -> onCallStarted(started, partition);
            case OutboundCallPlaced placed -> onOutboundPlaced(placed, partition);
            case CallEnded ended -> onCallEnded(ended.callSid());
            case CallStatusChanged status -> onStatus(status);
            case Transcript transcript ->
                withCall(transcript.callSid(), route, partition, c -> onTranscript(c, transcript, record));
            case SpeechStarted started -> withCall(started.callSid(), route, partition, this::onSpeechStarted);
            case SpeechEnded ended -> withKnownCall(ended.callSid(), this::onSpeechEnded);
            case DtmfReceived dtmf -> withCall(dtmf.callSid(), route, partition, c -> onDtmf(c, dtmf, record));
            case MarkPlayed mark -> withKnownCall(mark.callSid(), c -> turns.markPlayed(c, mark.turn()));
            default -> {} // other workers' output
        }
    }

    /** How many calls this worker holds. */
    public int activeCalls() {
        return calls.size();
    }

    /** Before a rebalance: snapshots the calls of partitions that may move, and waits until they are stored. */
    public void partitionsRevoked(Collection<Integer> partitions) {
        long now = clock.millis();
        for (Conversation conversation : calls.release(partitions)) {
            CallRegistry.locked(conversation, c -> output.state(c.callSid(), ConversationState.of(c, now)));
        }
        output.flush();
    }

    /** After a rebalance: keeps released calls whose partitions came back, drops the others. */
    public void partitionsAssigned(Collection<Integer> owned) {
        calls.keepOwned(owned);
    }

    /**
     * After a takeover: restores at once the calls whose previous owner stopped mid-reply and
     * answers them again; other restored calls wait for their next event.
     *
     * @param unfinished call sid to input partition, of snapshots with an unfinished reply
     */
    public void resumeUnfinished(Map<String, Integer> unfinished) {
        unfinished.forEach((callSid, partition) -> {
            Conversation conversation = calls.obtain(callSid, partition, () -> null);
            if (conversation != null) {
                locked(conversation, turns::resumeUnfinished);
            }
        });
    }

    /**
     * The worker is stopping and its consumers have handed their partitions over: nothing more is
     * said on any call, since the next owner answers what was left unfinished.
     */
    @Override
    public void close() {
        calls.dropAll();
    }

    /** The partitions were lost without a clean hand-over: their calls are someone else's now. */
    public void partitionsLost(Collection<Integer> partitions) {
        calls.dropPartitions(partitions);
    }

    private void onCallStarted(CallStarted started, int partition) {
        String callSid = started.callSid();
        Conversation conversation =
                calls.obtain(callSid, partition, () -> new Conversation(CallContext.of(started, Map.of())));
        if (conversation == null) {
            return;
        }
        locked(conversation, c -> {
            CallDirection known = c.context.direction();
            c.context = CallContext.of(started, c.context.variables());
            if (known == CallDirection.OUTBOUND) {
                // placed by the dialer: in two-numbers mode Exotel rings the bot's ExoPhone first, and
                // its flow opens the socket as it would for an inbound call
                c.context = c.context.withDirection(CallDirection.OUTBOUND);
            }
            if (c.started) {
                return; // redelivered, or the previous owner (or an earlier event) began the conversation
            }
            c.started = true;
            log.info(
                    "call {} started: {} from {} to {}, {} Hz",
                    callSid,
                    started.direction(),
                    Redact.phone(started.from()),
                    Redact.phone(started.to()),
                    started.sampleRate());
            armTimeLimit(c);
            boolean greet =
                    switch (c.context.direction()) {
                        case INBOUND -> settings.greetInbound();
                        case OUTBOUND -> settings.greetOutbound();
                    };
            if (!greet) {
                output.state(callSid, ConversationState.of(c, clock.millis()));
                timers.armIdle(c, settings.idleTimeout());
            } else if (!settings.greetingText().isEmpty()) {
                turns.speak(c, renderGreeting(c.context), null);
            } else {
                turns.respond(c, null, 0);
            }
        });
    }

    private void onOutboundPlaced(OutboundCallPlaced placed, int partition) {
        String callSid = placed.callSid();
        Conversation conversation = calls.obtain(
                callSid,
                partition,
                () -> new Conversation(new CallContext(
                        callSid,
                        null,
                        placed.phoneNumber(),
                        CallDirection.OUTBOUND,
                        Map.of(),
                        Map.of(),
                        settings.defaultSampleRate(),
                        null,
                        placed.at())));
        if (conversation == null) {
            return;
        }
        locked(conversation, c -> {
            c.context = c.context.withVariables(placed.variables());
            output.state(callSid, ConversationState.of(c, clock.millis()));
        });
    }

    private void onStatus(CallStatusChanged status) {
        Conversation conversation = calls.get(status.callSid());
        if (conversation != null && !conversation.started && TERMINAL_STATUSES.contains(status.status())) {
            onCallEnded(status.callSid()); // an outbound call that never connected
        }
    }

    private void onCallEnded(String callSid) {
        Conversation conversation = calls.end(callSid);
        if (conversation != null) {
            locked(conversation, c -> {
                BotTurn turn = c.activeTurn;
                if (turn != null && turn.phase != BotTurn.Phase.DONE) {
                    output.bot(new TurnCancelled(callSid, turn.number, clock.millis()), c.context.route(), 0, Map.of());
                }
                turns.abandon(c);
            });
            log.info("call {} ended after {} bot turns", callSid, conversation.turnCounter);
        }
        output.state(callSid, null);
    }

    private void onTranscript(Conversation c, Transcript transcript, InputRecord record) {
        if (!transcript.isFinal() || c.ending) {
            return;
        }
        if (isNoise(transcript.text())) {
            log.debug("call {}: ignoring a noise transcript", c.callSid());
            if (c.activeTurn == null) {
                timers.armIdle(c, settings.idleTimeout());
            }
            return;
        }
        if (!c.firstTimeSeen(record)) {
            return;
        }
        log.debug("call {}: caller said '{}'", c.callSid(), transcript.text());
        c.silenceReprompts = 0;
        turns.interrupt(c);
        turns.respond(
                c,
                ChatMessage.user(InputKind.SPEECH, transcript.text().strip()),
                record.turnStartedAtMicros(),
                record.stamps());
    }

    private void onSpeechStarted(Conversation c) {
        // A backstop: a turn or the end of speech re-arms it, but a recognizer that never reports
        // either must not leave the caller in silence.
        timers.armIdle(c, settings.idleTimeout().multipliedBy(2));
        if (turns.interrupt(c)) {
            log.debug("call {}: barge-in, turn cancelled", c.callSid());
        }
    }

    private void onSpeechEnded(Conversation c) {
        if (c.activeTurn == null && !c.ending) {
            timers.armIdle(c, settings.idleTimeout());
        }
    }

    private void onDtmf(Conversation c, DtmfReceived dtmf, InputRecord record) {
        if (c.ending || dtmf.digit() == null || !dtmf.digit().matches("[0-9*#]") || !c.firstTimeSeen(record)) {
            return;
        }
        timers.disarmIdle(c);
        turns.interrupt(c);
        c.dtmfKeys.append(dtmf.digit());
        c.dtmfTurnStartedAtMicros = record.turnStartedAtMicros();
        if (dtmf.digit().equals("#")) {
            keysComplete(c);
        } else {
            timers.armKeys(c, settings.dtmfInterDigit());
        }
    }

    @Override
    public void keysComplete(Conversation conversation) {
        locked(conversation, c -> {
            String keys = c.dtmfKeys.toString();
            c.dtmfKeys.setLength(0);
            if (c.ending || keys.replace("#", "").isEmpty() || !isCurrent(c)) {
                return;
            }
            c.silenceReprompts = 0;
            turns.respond(c, ChatMessage.user(InputKind.DTMF, keys), c.dtmfTurnStartedAtMicros);
        });
    }

    @Override
    public void idle(Conversation conversation, long generation) {
        locked(conversation, c -> {
            if (generation != c.idleGeneration || c.ending || c.activeTurn != null || !isCurrent(c)) {
                return;
            }
            c.silenceReprompts++;
            if (c.silenceReprompts > settings.maxReprompts()) {
                log.info("call {}: caller silent after {} reprompts, ending", c.callSid(), settings.maxReprompts());
                turns.speak(c, lines.silenceGoodbye(), CallAction.END_CALL);
            } else {
                turns.respond(c, ChatMessage.user(InputKind.SILENCE, ""), 0);
            }
        });
    }

    @Override
    public void timeLimit(Conversation conversation) {
        locked(conversation, c -> {
            if (!isCurrent(c)) {
                return;
            }
            if (c.ending) {
                log.info("call {}: no end reported after the bot ended it, forgetting it", c.callSid());
                onCallEnded(c.callSid());
                return;
            }
            log.info("call {} reached the maximum duration {}", c.callSid(), settings.maxCallDuration());
            turns.interrupt(c);
            turns.speak(c, lines.timeLimit(), CallAction.END_CALL);
        });
    }

    private void withCall(String callSid, String route, int partition, Consumer<Conversation> action) {
        Conversation conversation = calls.obtain(callSid, partition, () -> {
            log.info("call {}: no start or saved state seen, continuing from what the events tell", callSid);
            Conversation fresh =
                    new Conversation(CallContext.unknown(callSid, route, settings.defaultSampleRate(), clock.millis()));
            fresh.started = true;
            armTimeLimit(fresh);
            return fresh;
        });
        if (conversation != null) {
            locked(conversation, c -> {
                c.context = c.context.withRoute(route);
                action.accept(c);
            });
        }
    }

    private void withKnownCall(String callSid, Consumer<Conversation> action) {
        Conversation conversation = calls.get(callSid);
        if (conversation != null) {
            locked(conversation, action);
        }
    }

    private void startTimersOfRestored(Conversation restored) {
        if (restored.started) {
            armTimeLimit(restored);
        }
        if (!restored.ending) {
            timers.armIdle(restored, settings.idleTimeout());
        }
    }

    private void armTimeLimit(Conversation c) {
        long elapsed = clock.millis() - c.context.startedAt();
        timers.armTimeLimit(c, settings.maxCallDuration().minus(Duration.ofMillis(Math.max(0, elapsed))));
    }

    private String renderGreeting(CallContext context) {
        Map<String, String> values = new HashMap<>(context.values());
        values.putAll(TemplateValues.builtIns(
                context.from(),
                context.to(),
                context.direction().name(),
                clock.instant().atZone(settings.zone())));
        String text = settings.greetingText();
        for (var entry : values.entrySet()) {
            text = text.replace("{" + entry.getKey() + "}", entry.getValue());
        }
        return text;
    }

    private boolean isCurrent(Conversation c) {
        return calls.isCurrent(c);
    }

    private static boolean isNoise(String text) {
        List<String> words = Utterances.words(text);
        return words.stream().allMatch(NOISE_WORDS::contains);
    }

    private static void locked(Conversation conversation, Consumer<Conversation> action) {
        CallRegistry.locked(conversation, action);
    }
}
