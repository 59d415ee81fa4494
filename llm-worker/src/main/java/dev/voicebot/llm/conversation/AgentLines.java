package dev.voicebot.llm.conversation;

/**
 * Fixed lines the worker itself speaks. With the scripted agent the script supplies fallback and
 * silence goodbye; otherwise configuration does.
 *
 * @param fallback when the provider fails, instead of silence
 * @param silenceGoodbye when the caller stayed silent through every reprompt
 * @param goodbye when the agent ends the call without saying anything
 * @param transfer when the agent transfers the call without saying anything
 * @param timeLimit when the call reaches its maximum duration
 * @param filler said once when a reply is late ({@code ConversationSettings#fillerDelay}); blank for none
 */
public record AgentLines(
        String fallback, String silenceGoodbye, String goodbye, String transfer, String timeLimit, String filler) {

    public AgentLines {
        filler = filler == null ? "" : filler.strip();
    }

    String forAction(CallAction action) {
        return action == CallAction.TRANSFER ? transfer : goodbye;
    }
}
