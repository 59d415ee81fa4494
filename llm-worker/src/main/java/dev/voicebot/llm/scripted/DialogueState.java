package dev.voicebot.llm.scripted;

import dev.voicebot.common.script.ScriptIntent;
import dev.voicebot.common.script.SlotSpec;
import java.util.HashMap;
import java.util.Map;

/** Where a scripted conversation stands: the intent being served and its slots so far. */
final class DialogueState {

    ScriptIntent pending;
    int slotIndex;
    final Map<String, String> filled = new HashMap<>();
    int noMatches;
    int silences;

    void start(ScriptIntent intent) {
        pending = intent;
        slotIndex = 0;
        filled.clear();
    }

    void drop() {
        pending = null;
        slotIndex = 0;
        filled.clear();
    }

    /** The slot being asked for, or {@code null}. */
    SlotSpec pendingSlot() {
        return pending == null || slotIndex >= pending.slots().size()
                ? null
                : pending.slots().get(slotIndex);
    }
}
