package dev.voicebot.llm.provider;

/** Tokens a completion used; zero when the provider does not say. */
public record ChatUsage(int promptTokens, int completionTokens) {

    public static final ChatUsage NONE = new ChatUsage(0, 0);
}
