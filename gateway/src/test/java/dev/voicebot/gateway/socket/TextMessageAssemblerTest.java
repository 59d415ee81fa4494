package dev.voicebot.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.gateway.socket.TextMessageAssembler.Complete;
import dev.voicebot.gateway.socket.TextMessageAssembler.Incomplete;
import dev.voicebot.gateway.socket.TextMessageAssembler.TooBig;
import org.junit.jupiter.api.Test;

class TextMessageAssemblerTest {

    private final TextMessageAssembler assembler = new TextMessageAssembler(10);

    @Test
    void aWholeMessagePassesThrough() {
        assertThat(assembler.append("{\"a\":1}", true)).isEqualTo(new Complete("{\"a\":1}"));
    }

    @Test
    void partsAreJoined() {
        assertThat(assembler.append("abc", false)).isInstanceOf(Incomplete.class);
        assertThat(assembler.append("def", false)).isInstanceOf(Incomplete.class);
        assertThat(assembler.append("gh", true)).isEqualTo(new Complete("abcdefgh"));
        assertThat(assembler.append("next", true)).isEqualTo(new Complete("next"));
    }

    @Test
    void anOversizedMessageIsReportedOnceAndItsRestSkipped() {
        assertThat(assembler.append("0123456", false)).isInstanceOf(Incomplete.class);
        assertThat(assembler.append("789ab", false)).isEqualTo(new TooBig(12));
        assertThat(assembler.append("cdef", false)).isInstanceOf(Incomplete.class);
        assertThat(assembler.append("gh", true)).isInstanceOf(Incomplete.class);
        assertThat(assembler.append("ok", true)).isEqualTo(new Complete("ok"));
    }

    @Test
    void oversizedInOnePart() {
        assertThat(assembler.append("0123456789a", true)).isEqualTo(new TooBig(11));
        assertThat(assembler.append("ok", true)).isEqualTo(new Complete("ok"));
    }

    @Test
    void oversizedOnTheLastPart() {
        assertThat(assembler.append("01234", false)).isInstanceOf(Incomplete.class);
        assertThat(assembler.append("56789ab", true)).isEqualTo(new TooBig(12));
        assertThat(assembler.append("ok", true)).isEqualTo(new Complete("ok"));
    }
}
