package dev.voicebot.common.script;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The one normalisation of caller text the script, the matcher and the grammar share. */
public final class Utterances {

    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9']+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Utterances() {}

    /**
     * Lower-case words separated by single spaces: punctuation becomes a space, apostrophes inside
     * words stay ({@code "Yes, please!"} becomes {@code "yes please"}). Empty for noise-only text.
     */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String spaced = NOT_WORD.matcher(lower).replaceAll(" ");
        String trimmedQuotes = SPACES.matcher(spaced.replaceAll("(^|\\s)'+|'+(\\s|$)", " "))
                .replaceAll(" ")
                .strip();
        return trimmedQuotes;
    }

    /** The words of {@link #normalize(String)}, empty for noise-only text. */
    public static List<String> words(String text) {
        String normalized = normalize(text);
        return normalized.isEmpty() ? List.of() : List.of(normalized.split(" "));
    }
}
