package dev.voicebot.stt.grammar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The words a pronouncing dictionary knows, in the CMU dictionary format the recognizer loads
 * ({@code word PH ON EMES}, alternatives as {@code word(2) …}).
 */
public final class Pronunciations {

    private final Set<String> words;

    private Pronunciations(Set<String> words) {
        this.words = Set.copyOf(words);
    }

    public static Pronunciations of(Set<String> words) {
        return new Pronunciations(words);
    }

    public static Pronunciations read(Path dictionary) {
        Set<String> words = new HashSet<>(150_000);
        try (BufferedReader reader = Files.newBufferedReader(dictionary, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int end = 0;
                while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '(') {
                    end++;
                }
                if (end > 0) {
                    words.add(line.substring(0, end));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pronouncing dictionary " + dictionary, e);
        }
        return new Pronunciations(words);
    }

    public boolean knows(String word) {
        return words.contains(word);
    }
}
