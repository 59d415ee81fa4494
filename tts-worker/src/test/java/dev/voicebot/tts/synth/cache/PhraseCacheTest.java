package dev.voicebot.tts.synth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.tts.synth.cache.PhraseCache.Key;
import org.junit.jupiter.api.Test;

class PhraseCacheTest {

    @Test
    void evictsTheLeastRecentlyUsedLinesWhenFull() {
        PhraseCache cache = new PhraseCache(3 * 1200, 2000);
        cache.put(key("one"), new byte[1000]);
        cache.put(key("two"), new byte[1000]);
        cache.put(key("three"), new byte[1000]);
        cache.get(key("one"));

        cache.put(key("four"), new byte[1000]);

        assertThat(cache.get(key("two"))).isNull();
        assertThat(cache.get(key("one"))).isNotNull();
        assertThat(cache.get(key("four"))).isNotNull();
        assertThat(cache.evictions()).isEqualTo(1);
        assertThat(cache.bytes()).isLessThanOrEqualTo(3 * 1200);
    }

    @Test
    void neverKeepsALineLargerThanTheEntryLimit() {
        PhraseCache cache = new PhraseCache(1 << 20, 1000);

        cache.put(key("long"), new byte[1002]);

        assertThat(cache.entries()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void replacingALineKeepsTheByteCountRight() {
        PhraseCache cache = new PhraseCache(1 << 20, 4000);
        cache.put(key("hi"), new byte[1000]);
        long one = cache.bytes();

        cache.put(key("hi"), new byte[1000]);

        assertThat(cache.bytes()).isEqualTo(one);
        assertThat(cache.entries()).isEqualTo(1);
    }

    @Test
    void countsHitsAndMisses() {
        PhraseCache cache = new PhraseCache(1 << 20, 4000);
        cache.get(key("a"));
        cache.put(key("a"), new byte[10]);
        cache.get(key("a"));
        cache.get(new Key("other-voice", 8000, "a"));

        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(2);
    }

    private static Key key(String text) {
        return new Key("voice", 8000, text);
    }
}
