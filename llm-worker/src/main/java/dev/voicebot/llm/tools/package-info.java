/**
 * Tools the agent can call: the built-in call controls (end call, transfer) and application tools,
 * which are Spring beans implementing {@link dev.voicebot.llm.tools.AgentTool}.
 */
package dev.voicebot.llm.tools;
