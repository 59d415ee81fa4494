/**
 * The language-model provider interface: one streaming request ({@link
 * dev.voicebot.llm.provider.ChatRequest}) in, typed events ({@link
 * dev.voicebot.llm.provider.ChatStreamHandler}) out, a cancel handle ({@link
 * dev.voicebot.llm.provider.ChatStream}), exactly one terminal callback, and failures classified
 * retryable or permanent ({@link dev.voicebot.llm.provider.ProviderException}).
 */
package dev.voicebot.llm.provider;
