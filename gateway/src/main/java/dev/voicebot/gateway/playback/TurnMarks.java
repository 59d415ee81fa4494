package dev.voicebot.gateway.playback;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of the marks sent after each bot turn: {@code turn-<n>}. */
public final class TurnMarks {

    private static final Pattern TURN_MARK = Pattern.compile("turn-(\\d{1,9})");

    private TurnMarks() {}

    public static String name(int turn) {
        return "turn-" + turn;
    }

    /** The turn a mark of ours closed, or 0 for a name we did not send. */
    public static int turnOf(String markName) {
        if (markName == null) {
            return 0;
        }
        Matcher matcher = TURN_MARK.matcher(markName.strip());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
