/**
 * The OpenAI-compatible chat completions provider (OpenAI, Groq, vLLM, Ollama): streaming with
 * tools over OkHttp, with its own server-sent-events reader. Wire format:
 * https://platform.openai.com/docs/api-reference/chat-streaming
 */
package dev.voicebot.llm.openai;
