package dev.voicebot.llm.tools;

import dev.voicebot.llm.provider.ToolSpec;

/**
 * An application tool the agent may call (look up an order, book a slot). Declare it as a Spring
 * bean and every conversation offers it. Calls run on a worker thread, never a Kafka consumer
 * thread; a call should finish within a few seconds, as the caller is waiting.
 */
public interface AgentTool {

    ToolSpec spec();

    /**
     * Runs the tool.
     *
     * @param argumentsJson the model's arguments, a JSON object text
     * @return the result for the model, usually JSON; a thrown exception becomes an error result
     */
    String call(String argumentsJson, ToolCallContext context) throws Exception;
}
