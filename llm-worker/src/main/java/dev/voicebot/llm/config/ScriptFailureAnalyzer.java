package dev.voicebot.llm.config;

import dev.voicebot.common.script.ScriptException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad agent script at start-up into a short report naming the place. */
public class ScriptFailureAnalyzer extends AbstractFailureAnalyzer<ScriptException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ScriptException cause) {
        return new FailureAnalysis(
                "The agent script is not usable: " + cause.getMessage(),
                "Fix the script at the place named above, or point voicebot.llm.script (VOICEBOT_SCRIPT, shared with the stt-worker)"
                        + " at another one.",
                cause);
    }
}
