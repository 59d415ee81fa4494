package dev.voicebot.llm.provider;

/** Who wrote a message of the conversation. */
public enum ChatRole {
    USER,
    ASSISTANT,
    /** The result of one tool call, answering {@link ChatMessage#toolCallId()}. */
    TOOL
}
