package dev.voicebot.llm.provider;

/**
 * A tool the model may call.
 *
 * @param name letters, digits, '_' or '-'
 * @param description when to use it, for the model
 * @param parametersJsonSchema a JSON Schema object text of its arguments
 */
public record ToolSpec(String name, String description, String parametersJsonSchema) {

    public ToolSpec {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("a tool name is 1-64 letters, digits, '_' or '-': " + name);
        }
        parametersJsonSchema = parametersJsonSchema == null || parametersJsonSchema.isBlank()
                ? "{\"type\":\"object\",\"properties\":{}}"
                : parametersJsonSchema;
    }
}
