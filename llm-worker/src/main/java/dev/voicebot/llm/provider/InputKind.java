package dev.voicebot.llm.provider;

/** How a caller's message reached the agent. */
public enum InputKind {
    /** Recognized speech: the text is the final transcript. */
    SPEECH,
    /** Keypad presses: the text is the keys, e.g. {@code 1234#}. */
    DTMF,
    /** The caller said nothing for the idle timeout: the text is empty. */
    SILENCE
}
