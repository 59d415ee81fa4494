package dev.voicebot.common.script;

/**
 * A script that cannot be used. The message names the place: the file, then the path inside it
 * (for example {@code appointments.yaml: intents[2] (book).slots[0] (day).prompt: ...}).
 */
public class ScriptException extends RuntimeException {

    public ScriptException(String message) {
        super(message);
    }

    public ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
