package dev.voicebot.common.script;

/**
 * A value an intent collects before its reply, asked for in order.
 *
 * @param name the placeholder name later lines use for the value
 * @param prompt what the bot asks to get the value
 * @param onNo for a {@link SlotType#YES_NO} slot, what the bot says when the caller says no (the
 *     intent is then dropped); {@code null} for other types
 * @param minDigits for {@link SlotType#DIGITS}, the fewest digits accepted (1 otherwise)
 * @param maxDigits for {@link SlotType#DIGITS}, the most digits accepted
 */
public record SlotSpec(
        String name, SlotType type, ScriptTemplate prompt, ScriptTemplate onNo, int minDigits, int maxDigits) {

    /** Whether a parsed value is acceptable for this slot (digits of the right length). */
    public boolean accepts(String value) {
        return type != SlotType.DIGITS || (value.length() >= minDigits && value.length() <= maxDigits);
    }
}
