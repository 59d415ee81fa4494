package dev.voicebot.common.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of value a script slot collects, each with the words a caller uses for it, a parser
 * from a normalised utterance, and how the value is spoken back in a template.
 */
public enum SlotType {
    /** A number said digit by digit ("one two three four"), or keyed in; the value is the digits. */
    DIGITS("digits"),
    /** Agreement; the value is {@code yes} or {@code no}. */
    YES_NO("yes_no"),
    /** A day: a weekday, {@code today} or {@code tomorrow}; the value is that word. */
    DAY("day");

    private static final Map<String, Character> DIGIT_WORDS = Map.ofEntries(
            Map.entry("zero", '0'),
            Map.entry("oh", '0'),
            Map.entry("one", '1'),
            Map.entry("two", '2'),
            Map.entry("three", '3'),
            Map.entry("four", '4'),
            Map.entry("five", '5'),
            Map.entry("six", '6'),
            Map.entry("seven", '7'),
            Map.entry("eight", '8'),
            Map.entry("nine", '9'));
    private static final List<String> DIGIT_PHRASES =
            List.of("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
    private static final List<String> YES_WORDS = List.of("yes", "yeah", "yep", "sure", "correct", "okay", "right");
    private static final List<String> NO_WORDS = List.of("no", "nope", "not", "don't", "dont");
    private static final List<String> YES_PHRASES = List.of(
            "yes", "yes please", "yeah", "yep", "sure", "correct", "that is right", "okay", "yes that is right");
    private static final List<String> NO_PHRASES =
            List.of("no", "no thanks", "no thank you", "nope", "not really", "that is wrong");
    private static final List<String> WEEKDAYS =
            List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    private static final List<String> RELATIVE_DAYS = List.of("today", "tomorrow");

    private final String wire;

    SlotType(String wire) {
        this.wire = wire;
    }

    /** The type's name in a script file. */
    public String wire() {
        return wire;
    }

    static Optional<SlotType> fromWire(String word) {
        for (SlotType type : values()) {
            if (type.wire.equals(word)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * The value this utterance gives the slot, if any. Text that is not normalised is normalised
     * first; words around the value are ignored ("it is one two three four" gives {@code 1234}).
     */
    public Optional<String> parse(String utterance) {
        List<String> words = Utterances.words(utterance);
        return switch (this) {
            case DIGITS -> parseDigits(words);
            case YES_NO -> parseYesNo(words);
            case DAY -> parseDay(words);
        };
    }

    /** How a value is said back to the caller inside a reply. */
    public String spoken(String value) {
        return switch (this) {
            case DIGITS -> String.join(" ", value.split(""));
            case YES_NO -> value;
            case DAY ->
                WEEKDAYS.contains(value) ? value.substring(0, 1).toUpperCase(Locale.ROOT) + value.substring(1) : value;
        };
    }

    /** A value used to render sample lines. */
    public String sampleValue() {
        return switch (this) {
            case DIGITS -> "4521";
            case YES_NO -> "yes";
            case DAY -> "tomorrow";
        };
    }

    /** The phrases a caller says to fill a slot of this type, for a recognition grammar. */
    public PhraseFamily phrases() {
        return switch (this) {
            case DIGITS -> new PhraseFamily("slot:" + wire, DIGIT_PHRASES, true);
            case YES_NO -> new PhraseFamily("slot:" + wire, concat(YES_PHRASES, NO_PHRASES), false);
            case DAY -> new PhraseFamily("slot:" + wire, dayPhrases(), false);
        };
    }

    private static Optional<String> parseDigits(List<String> words) {
        StringBuilder digits = new StringBuilder();
        for (String word : words) {
            Character digit = DIGIT_WORDS.get(word);
            if (digit != null) {
                digits.append(digit);
            } else if (word.chars().allMatch(Character::isDigit)) {
                digits.append(word);
            }
        }
        return digits.isEmpty() ? Optional.empty() : Optional.of(digits.toString());
    }

    private static Optional<String> parseYesNo(List<String> words) {
        for (String word : words) {
            if (NO_WORDS.contains(word) || word.equals("wrong")) {
                return Optional.of("no");
            }
        }
        for (String word : words) {
            if (YES_WORDS.contains(word)) {
                return Optional.of("yes");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> parseDay(List<String> words) {
        for (String word : words) {
            if (WEEKDAYS.contains(word) || RELATIVE_DAYS.contains(word)) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }

    private static List<String> dayPhrases() {
        List<String> phrases = new ArrayList<>();
        for (String day : WEEKDAYS) {
            phrases.add(day);
            phrases.add("on " + day);
            phrases.add("next " + day);
        }
        for (String day : RELATIVE_DAYS) {
            phrases.add(day);
            phrases.add(day + " please");
        }
        return List.copyOf(phrases);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
