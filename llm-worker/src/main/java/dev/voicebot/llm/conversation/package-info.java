/**
 * Per-call conversations: context, history, bot turns with barge-in, idle reprompts, call-control
 * tools, and the state snapshot a worker taking over a call restores from.
 */
package dev.voicebot.llm.conversation;
