package dev.voicebot.llm.scripted;

import dev.voicebot.common.script.IntentAction;

/** What the scripted agent says, and what happens after. */
record ScriptedReply(String text, IntentAction action) {

    static ScriptedReply say(String text) {
        return new ScriptedReply(text, IntentAction.NONE);
    }
}
