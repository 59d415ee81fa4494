package dev.voicebot.tts.roundtrip;

import dev.voicebot.stt.grammar.JsgfGrammarBuilder;
import dev.voicebot.tts.text.SpeakableText;
import dev.voicebot.tts.text.VoiceAlphabet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bot line as the words a listener hears: the text the voice is given (markup stripped, currency
 * said in words), numbers spelled out as the MaryTTS voice reads them, then normalised the way the
 * recognizer normalises its grammar phrases (lower case, punctuation other than apostrophes
 * dropped).
 *
 * <p>Mary reads numbers below 1000 as cardinals ("45" is "forty five", "123" "one hundred twenty
 * three") but four-digit numbers as years ("4521" is "forty five twenty one", "1905" "nineteen oh
 * five"), so a number of 1000 or more (or with a leading zero) is refused rather than guessed at: the script renders numbers
 * a caller should hear digit by digit with spaces between them ("4 5 2 1").
 */
final class SpokenPhrase {

    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final String[] ONES = ("zero one two three four five six seven eight nine ten eleven twelve"
                    + " thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
            .split(" ");
    private static final String[] TENS = "- - twenty thirty forty fifty sixty seventy eighty ninety".split(" ");
    private static final int MAX_DIGITS = 3;

    private SpokenPhrase() {}

    static String of(String botLine) {
        String spoken = SpeakableText.prepare(botLine, VoiceAlphabet.LATIN);
        Matcher number = NUMBER.matcher(spoken);
        String words = number.replaceAll(match -> " " + cardinal(match.group(), botLine) + " ");
        return JsgfGrammarBuilder.normalise(words);
    }

    private static String cardinal(String digits, String botLine) {
        if (digits.length() > MAX_DIGITS || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw new IllegalArgumentException("the round-trip test does not know how the voice reads the number "
                    + digits + " in '" + botLine + "': only 0 to 999 are read as cardinals");
        }
        return cardinal(Integer.parseInt(digits));
    }

    private static String cardinal(int n) {
        if (n < 20) {
            return ONES[n];
        }
        if (n < 100) {
            return TENS[n / 10] + (n % 10 == 0 ? "" : " " + ONES[n % 10]);
        }
        return ONES[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + cardinal(n % 100));
    }
}
