package dev.voicebot.llm.tools;

import java.util.Map;

/**
 * The call a tool runs for.
 *
 * @param values the call's custom parameters and the dialer's variables
 */
public record ToolCallContext(String callSid, String from, String to, Map<String, String> values) {}
