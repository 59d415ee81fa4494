/**
 * The agent script: what the embedded scripted agent says and which caller phrases it expects. One
 * YAML file ({@code scripts/appointments.yaml} is the demo) feeds two engines: the LLM worker's
 * scripted agent matches transcripts against its intents, and the embedded recognizer decodes
 * against a grammar of {@link dev.voicebot.common.script.AgentScript#callerPhrases()}.
 *
 * <p>Start with {@link dev.voicebot.common.script.AgentScript#load(java.nio.file.Path)}, {@link
 * dev.voicebot.common.script.AgentScript#fromLocation(String)} or {@link
 * dev.voicebot.common.script.AgentScript#demo()}; a malformed script fails with a {@link
 * dev.voicebot.common.script.ScriptException} naming the file, the intent and the field.
 */
package dev.voicebot.common.script;
