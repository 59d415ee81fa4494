package dev.voicebot.common.script;

/**
 * The lines the workers say for themselves when configuration gives none: the LLM worker speaks
 * them, the TTS worker keeps them in its phrase cache so that they play even while a cloud voice is
 * down. Both read the same settings ({@code LLM_FALLBACK_LINE}, {@code LLM_FILLER_LINE}).
 */
public final class StandardLines {

    /** Said instead of a reply the language model failed to give. */
    public static final String FALLBACK = "Sorry, I'm having trouble right now. Could you say that again?";

    /** Said once when a reply is late. */
    public static final String FILLER = "One moment.";

    private StandardLines() {}
}
