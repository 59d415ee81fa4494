package dev.voicebot.llm.openai;

import java.io.IOException;
import java.util.function.Predicate;
import okio.BufferedSource;

/**
 * Reads a {@code text/event-stream} body and hands each event's data to a consumer. Follows the
 * HTML event-stream rules that matter here: {@code data:} lines join with a newline, a blank line
 * ends an event, lines starting with {@code :} are comments, other fields are ignored.
 */
final class ServerSentEvents {

    private ServerSentEvents() {}

    /**
     * @param onData gets each event's data; returning {@code false} stops reading
     * @return whether the consumer stopped reading (as opposed to the body ending)
     */
    static boolean read(BufferedSource source, Predicate<String> onData) throws IOException {
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (hasData && !onData.test(data.toString())) {
                    return true;
                }
                data.setLength(0);
                hasData = false;
            } else if (line.startsWith("data:")) {
                if (hasData) {
                    data.append('\n');
                }
                String value = line.substring(5);
                data.append(value.startsWith(" ") ? value.substring(1) : value);
                hasData = true;
            }
        }
        return hasData && !onData.test(data.toString());
    }
}
