/**
 * The embedded default agent: deterministic intent matching against an {@link
 * dev.voicebot.common.script.AgentScript}, behind the same provider interface as a language model.
 */
package dev.voicebot.llm.scripted;
