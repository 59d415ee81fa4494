package dev.voicebot.testsupport;

import java.util.List;
import java.util.Random;

/**
 * Seeded random inputs for fuzz tests. Each instance prints its seed; {@code -Dfuzz.seed=<n>}
 * replays a run exactly, and {@link #describe} puts the seed into failure messages.
 */
public final class Fuzz {

    /** Tokens that break parsers: structure, escapes, extreme numbers, odd Unicode, separators. */
    private static final List<String> NASTY = List.of(
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\\",
            "\\u",
            "\u0000",
            "null",
            "true",
            "-1",
            "0",
            "-0",
            "1e309",
            "99999999999999999999",
            "NaN",
            "\"\"",
            "\"\\uD800\"",
            "\uD83D\uDE00",
            "\uFEFF",
            "%",
            "%zz",
            "\n",
            "\r\n",
            "\r",
            ";",
            "=",
            "&",
            "'",
            "+91",
            "\t",
            "{\"a\":",
            "[[[[[[[[",
            "\"media\"",
            "\"start\"",
            "\"event\":",
            "<xml>");

    private final long seed;
    private final Random random;

    private Fuzz(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** A generator seeded from {@code fuzz.seed} when set, else from the clock; the seed is printed. */
    public static Fuzz seeded(String testName) {
        String fixed = System.getProperty("fuzz.seed");
        long seed = fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.strip()) : System.nanoTime();
        System.out.println("fuzz seed for " + testName + ": " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        return new Fuzz(seed);
    }

    public long seed() {
        return seed;
    }

    public Random random() {
        return random;
    }

    /** The seed and the input, for an assertion's description. */
    public String describe(String input) {
        String shown = input.length() > 400 ? input.substring(0, 400) + "…(" + input.length() + " chars)" : input;
        return "fuzz seed " + seed + " (replay with -Dfuzz.seed=" + seed + "), input: " + shown;
    }

    /** One of {@code choices}. */
    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** {@code valid} with one to four random edits: deletions, repeats, nasty tokens, changed or cut text. */
    public String mutate(String valid) {
        StringBuilder text = new StringBuilder(valid);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
            int end = Math.min(text.length(), at + 1 + random.nextInt(12));
            switch (random.nextInt(6)) {
                case 0 -> text.delete(at, end);
                case 1 -> text.insert(at, text.substring(at, end).repeat(1 + random.nextInt(30)));
                case 2 -> text.insert(at, pick(NASTY));
                case 3 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, randomChar());
                    }
                }
                case 4 -> text.setLength(at);
                default -> text.replace(at, end, randomText(8));
            }
        }
        return text.toString();
    }

    /** Up to {@code maxLength} characters, mostly printable ASCII, some nasty tokens and control characters. */
    public String randomText(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            if (random.nextInt(8) == 0) {
                text.append(pick(NASTY));
            } else {
                text.append(randomChar());
            }
        }
        return text.toString();
    }

    /** A random JSON value up to {@code depth} levels deep; field names are drawn from {@code names}. */
    public String randomJson(int depth, List<String> names) {
        int kind = depth <= 0 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> random.nextBoolean() ? Long.toString(random.nextLong()) : Double.toString(random.nextGaussian());
            case 3 -> quote(randomText(12));
            case 4 -> quote(pick(names));
            case 5 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(randomJson(depth - 1, names)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.append(quote(pick(names)))
                            .append(':')
                            .append(randomJson(depth - 1, names))
                            .append(i > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
        };
    }

    private char randomChar() {
        return switch (random.nextInt(10)) {
            case 0 -> (char) random.nextInt(0x20);
            case 1 -> (char) (0x80 + random.nextInt(0xFF80));
            default -> (char) (0x20 + random.nextInt(0x5F));
        };
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
