package dev.voicebot.common.event;

/**
 * A speech or language provider failed during a call.
 *
 * @param service stt, llm or tts
 * @param provider the implementation, e.g. deepgram, openai, cartesia, pocketsphinx
 * @param detail what went wrong, without secrets or personal data
 * @param retryable whether trying again may succeed
 */
public record ProviderFailed(String callSid, String service, String provider, String detail, boolean retryable, long at)
        implements VoicebotEvent {}
