/** Spring wiring and configuration properties of the LLM worker. */
package dev.voicebot.llm.config;
