package dev.voicebot.tts.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpeakableTextTest {

    @Test
    void latinVoicesGetAsciiWithAccentsFoldedAndSymbolsDropped() {
        assertThat(SpeakableText.prepare("Thé café — “open” 24/7 😀✓", VoiceAlphabet.LATIN))
                .isEqualTo("The cafe - \"open\" 24/7");
    }

    @Test
    void multilingualVoicesKeepLettersOfEveryScript() {
        assertThat(SpeakableText.prepare("नमस्ते, 你好! 😀 Olá", VoiceAlphabet.ANY_SCRIPT))
                .isEqualTo("नमस्ते, 你好! Olá");
    }

    @Test
    void currencyAmountsAreSaidInWords() {
        assertThat(SpeakableText.prepare("That is ₹1,500 or €20.50.", VoiceAlphabet.LATIN))
                .isEqualTo("That is 1,500 rupees or 20.50 euros.");
    }

    @Test
    void pronounContractionsAreSpelledOutForLatinVoices() {
        assertThat(SpeakableText.prepare("I'll book it. They'll call, I'm sure we're fine.", VoiceAlphabet.LATIN))
                .isEqualTo("I will book it. They will call, I am sure we are fine.");
    }

    @Test
    void textWithNothingToSayIsEmpty() {
        assertThat(SpeakableText.prepare("", VoiceAlphabet.LATIN)).isEmpty();
        assertThat(SpeakableText.prepare(null, VoiceAlphabet.LATIN)).isEmpty();
        assertThat(SpeakableText.prepare("  \n\t ", VoiceAlphabet.ANY_SCRIPT)).isEmpty();
        assertThat(SpeakableText.prepare("... !!! 😀", VoiceAlphabet.ANY_SCRIPT))
                .isEmpty();
        assertThat(SpeakableText.prepare("<br/><b></b>", VoiceAlphabet.LATIN)).isEmpty();
        assertThat(SpeakableText.prepare("你好", VoiceAlphabet.LATIN)).isEmpty();
    }

    @Test
    void markupIsStrippedAndSpacingTidied() {
        assertThat(SpeakableText.prepare("**Sure** ,  I can   help!!!\n- Book a table", VoiceAlphabet.LATIN))
                .isEqualTo("Sure, I can help! Book a table");
    }
}
