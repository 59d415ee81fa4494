package dev.voicebot.tts.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkupStripperTest {

    @Test
    void ssmlAndHtmlTagsGoAndEntitiesAreDecoded() {
        assertThat(spoken("<speak>Hello <break time=\"300ms\"/>there</speak>")).isEqualTo("Hello there");
        assertThat(spoken("<p>Your <b>order</b> &amp; receipt</p>")).isEqualTo("Your order & receipt");
        assertThat(spoken("Price: &#8377;500 &lt;ok&gt;")).isEqualTo("Price: ₹500 <ok>");
        assertThat(spoken("<!-- hidden -->Visible")).isEqualTo("Visible");
    }

    @Test
    void markdownKeepsItsWords() {
        assertThat(spoken("**Great news!** Your _table_ is *booked*.")).isEqualTo("Great news! Your table is booked.");
        assertThat(spoken("See [our hours](https://example.com/hours) or ![map](m.png)"))
                .isEqualTo("See our hours or map");
        assertThat(spoken("# Options\n- Book\n- Cancel\n1. Talk to us\n---\n> quoted"))
                .isEqualTo("Options Book Cancel Talk to us quoted");
        assertThat(spoken("Use `code` here\n```java\nx\n```")).isEqualTo("Use code here x");
    }

    @Test
    void textThatOnlyLooksLikeMarkupStays() {
        assertThat(spoken("if a < b and 3 > 2 <3")).isEqualTo("if a < b and 3 > 2 <3");
        assertThat(spoken("snake_case_word stays")).isEqualTo("snake_case_word stays");
        assertThat(spoken("2 * 3 * 4 = 24")).isEqualTo("2 * 3 * 4 = 24");
    }

    private static String spoken(String markup) {
        return MarkupStripper.strip(markup).replaceAll("\\s+", " ").strip();
    }
}
