package dev.voicebot.tts.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Prepares a bot line for a voice: markup stripped, characters the voice cannot say replaced by
 * words or dropped, whitespace collapsed. What comes out is either empty (nothing to say) or text
 * with at least one letter or digit.
 */
public final class SpeakableText {

    private static final Pattern CURRENCY_AMOUNT = Pattern.compile("([₹€£¥])\\s?(\\d[\\d,]*(?:\\.\\d+)?)");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LATIN_SPEAKABLE = Pattern.compile("[^A-Za-z0-9 .,;:!?'\"()$%&@+/-]");
    private static final Pattern NOT_SPEAKABLE =
            Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Zs} .,;:!?'\"()$%&@+/\\-–—¿¡。、，！？]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" ([.,;:!?])");
    private static final Pattern REPEATED_PUNCTUATION = Pattern.compile("([.,;:!?])[.,;:!?]+");
    private static final Pattern HAS_WORD = Pattern.compile("[\\p{L}\\p{N}]");
    // MaryTTS says "I'll" like "ill" and "they'll" like "theel"; the full forms are said right.
    private static final Pattern PRONOUN_CONTRACTION =
            Pattern.compile("\\b(I|you|we|they|he|she)'(ll|m|ve|d|re)\\b", Pattern.CASE_INSENSITIVE);

    private SpeakableText() {}

    public static String prepare(String raw, VoiceAlphabet alphabet) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        String s = MarkupStripper.strip(raw);
        s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        s = s.replace('\u2018', '\'')
                .replace('\u2019', '\'')
                .replace('\u201C', '"')
                .replace('\u201D', '"')
                .replace('\u2026', '.')
                .replace('\u00A0', ' ');
        s = CURRENCY_AMOUNT.matcher(s).replaceAll(match -> match.group(2) + " " + currencyWord(match.group(1)));
        if (alphabet == VoiceAlphabet.LATIN) {
            s = Normalizer.normalize(s, Normalizer.Form.NFD);
            s = COMBINING_MARKS.matcher(s).replaceAll("");
            s = PRONOUN_CONTRACTION.matcher(s).replaceAll(match -> match.group(1) + " " + fullForm(match.group(2)));
            s = s.replace('–', '-').replace('—', '-');
            s = NOT_LATIN_SPEAKABLE.matcher(s).replaceAll(" ");
        } else {
            s = NOT_SPEAKABLE.matcher(s).replaceAll(" ");
        }
        s = SPACES.matcher(s).replaceAll(" ").strip();
        s = SPACE_BEFORE_PUNCTUATION.matcher(s).replaceAll("$1");
        s = REPEATED_PUNCTUATION.matcher(s).replaceAll("$1");
        return HAS_WORD.matcher(s).find() ? s : "";
    }

    private static String fullForm(String contraction) {
        return switch (contraction.toLowerCase(Locale.ROOT)) {
            case "ll" -> "will";
            case "m" -> "am";
            case "ve" -> "have";
            case "d" -> "would";
            default -> "are";
        };
    }

    private static String currencyWord(String symbol) {
        return switch (symbol) {
            case "₹" -> "rupees";
            case "€" -> "euros";
            case "£" -> "pounds";
            default -> "yen";
        };
    }
}
