package dev.voicebot.llm.conversation;

import java.time.Duration;
import java.time.ZoneId;

/**
 * How conversations behave.
 *
 * @param idleTimeout caller silence after the bot finished speaking before a reprompt
 * @param maxReprompts silence reprompts in a row before the bot says goodbye and hangs up
 * @param maxCallDuration the longest a call may last; then the bot says goodbye
 * @param greetInbound whether the bot speaks first on inbound calls
 * @param greetOutbound whether the bot speaks first on outbound calls (otherwise it waits for the
 *     callee's first words)
 * @param greetingText a fixed greeting template instead of the agent's own opening, or blank
 * @param speechCharactersPerSecond speaking rate used to estimate what a caller heard before
 *     interrupting, and when a turn's audio ends if no mark arrives
 * @param defaultSampleRate the rate for a call whose start this worker never saw
 * @param maxToolRounds application tool rounds per turn
 * @param dtmfInterDigit how long after the last key the keys pressed are taken as one input
 * @param zone the local time zone of the system prompt's time values
 * @param fillerDelay a reply with no segment this long after the caller's input gets the filler
 *     line first; zero turns fillers off
 */
public record ConversationSettings(
        Duration idleTimeout,
        int maxReprompts,
        Duration maxCallDuration,
        boolean greetInbound,
        boolean greetOutbound,
        String greetingText,
        double speechCharactersPerSecond,
        int defaultSampleRate,
        int maxToolRounds,
        Duration dtmfInterDigit,
        ZoneId zone,
        Duration fillerDelay) {

    public ConversationSettings {
        if (idleTimeout.isNegative()
                || idleTimeout.isZero()
                || maxCallDuration.isNegative()
                || maxCallDuration.isZero()) {
            throw new IllegalArgumentException("idle timeout and max call duration must be positive");
        }
        if (maxReprompts < 0 || maxToolRounds < 0 || speechCharactersPerSecond <= 0 || defaultSampleRate <= 0) {
            throw new IllegalArgumentException(
                    "reprompts and tool rounds must be >= 0; speaking rate and sample" + " rate must be positive");
        }
        greetingText = greetingText == null ? "" : greetingText.strip();
        fillerDelay = fillerDelay == null || fillerDelay.isNegative() ? Duration.ZERO : fillerDelay;
    }
}
