package dev.voicebot.common.kafka;

import java.util.List;

/**
 * Every Kafka topic of the pipeline. Every record on every topic is keyed by the call's {@code
 * call_sid}, so one partition (and one consumer thread per worker) owns a call. {@code
 * docs/events.md} describes what each topic carries.
 */
public final class Topics {

    /** Call lifecycle from the gateway and dialer: started, DTMF, marks played, status, ended. JSON. */
    public static final String CALL_EVENTS = "voicebot.call.events";

    /** The caller's audio as raw PCM16 LE mono; sample rate and sequence in headers. */
    public static final String AUDIO_IN = "voicebot.audio.in";

    /** Speech activity and transcripts from the STT workers. JSON. */
    public static final String SPEECH = "voicebot.speech";

    /** The agent's reply segments and turn cancellations from the LLM workers. JSON. */
    public static final String BOT_SEGMENTS = "voicebot.bot.segments";

    /** Compacted: the latest conversation state per call, a tombstone when the call ends. JSON. */
    public static final String CONVERSATION_STATE = "voicebot.conversation.state";

    /** One latency record per bot turn. JSON. */
    public static final String TURN_LATENCY = "voicebot.turn.latency";

    /** Records no consumer could decode, with the original topic, partition and offset in headers. */
    public static final String DEAD_LETTERS = "voicebot.dead-letters";

    /**
     * Compacted, dialer-owned: campaign state, keyed by campaign id (the campaign) and by campaign id
     * plus row (each row), replayed by the dialer at start-up. Not a per-call topic, so not keyed by
     * call_sid; created by the dialer only. JSON.
     */
    public static final String DIALER_CAMPAIGNS = "voicebot.dialer.campaigns";

    /** Prefix of the per-gateway route topics; see {@link #gatewayRoute(String)}. */
    public static final String GATEWAY_ROUTE_PREFIX = "voicebot.gateway.";

    /** Topics shared by all calls, created by every service at start-up. */
    public static final List<String> SHARED =
            List.of(CALL_EVENTS, AUDIO_IN, SPEECH, BOT_SEGMENTS, CONVERSATION_STATE, TURN_LATENCY, DEAD_LETTERS);

    private Topics() {}

    /**
     * The topic only one gateway instance reads: outbound audio and commands for the calls whose
     * sockets it holds. Its name is the call's route, carried by every record of the call.
     */
    public static String gatewayRoute(String gatewayInstanceId) {
        if (gatewayInstanceId == null || !gatewayInstanceId.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException(
                    "a gateway instance id is 1-200 characters of letters, digits, '.', '_' or '-': "
                            + gatewayInstanceId);
        }
        return GATEWAY_ROUTE_PREFIX + gatewayInstanceId;
    }

    /** True for a topic that {@link #gatewayRoute(String)} names. */
    public static boolean isGatewayRoute(String topic) {
        return topic != null
                && topic.startsWith(GATEWAY_ROUTE_PREFIX)
                && topic.length() > GATEWAY_ROUTE_PREFIX.length();
    }
}
