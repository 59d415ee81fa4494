package dev.voicebot.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.service.resilience.CircuitBreakers;
import dev.voicebot.tts.synth.FallbackSynthesizer;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.cache.PhraseCache;
import dev.voicebot.tts.synth.cartesia.FakeCartesiaServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SynthesizerFactoryTest {

    @Test
    void withoutKeysTheEmbeddedVoiceSpeaks() throws Exception {
        assertThat(voiceOf(properties("auto", null, null, false)).voice()).isEqualTo("marytts/cmu-slt-hsmm");
    }

    @Test
    void aKeyChoosesItsCloudVoiceAndTheFallbackWrapsIt() throws Exception {
        assertThat(voiceOf(properties("auto", null, "dg-key", false)).voice()).isEqualTo("deepgram/aura-2-thalia-en");
        SpeechSynthesizer withFallback = voiceOf(properties("deepgram", null, "dg-key", true));
        assertThat(withFallback).isInstanceOf(FallbackSynthesizer.class);
        assertThat(withFallback.provider()).isEqualTo("deepgram");
    }

    @Test
    void cartesiaIsPreferredWhenItsKeyIsSet() throws Exception {
        try (var server = new FakeCartesiaServer(1, 5)) {
            var cartesia =
                    new TtsProperties.Cartesia(server.url(), FakeCartesiaServer.KEY, null, null, "v", null, null);
            var properties = withVoices("auto", cartesia, withKey("dg-key"), false);
            assertThat(voiceOf(properties).voice()).isEqualTo("cartesia/sonic-2/v");
        }
    }

    @Test
    void aCloudVoiceWithoutItsKeyIsAClearStartUpError() {
        assertThatThrownBy(() -> voiceOf(properties("cartesia", null, null, false)))
                .hasMessageContaining("CARTESIA_API_KEY");
        assertThatThrownBy(() -> voiceOf(properties("deepgram", null, null, false)))
                .hasMessageContaining("DEEPGRAM_API_KEY");
        assertThatThrownBy(() -> voiceOf(properties("polly", null, null, false)))
                .hasMessageContaining("auto, marytts, cartesia or deepgram");
    }

    private static SpeechSynthesizer voiceOf(TtsProperties properties) throws Exception {
        try (var factory =
                new SynthesizerFactory(properties, new PhraseCache(1 << 20, 1 << 16), CircuitBreakers.unmetered())) {
            return factory.create();
        }
    }

    private static TtsProperties properties(String provider, String cartesiaKey, String deepgramKey, boolean fallback) {
        var cartesia = new TtsProperties.Cartesia(null, cartesiaKey, null, null, null, null, null);
        return withVoices(provider, cartesia, withKey(deepgramKey), fallback);
    }

    private static TtsProperties withVoices(
            String provider, TtsProperties.Cartesia cartesia, TtsProperties.Deepgram deepgram, boolean fallback) {
        return new TtsProperties(
                provider, fallback, null, null, null, null, null, null, null, mary(), cartesia, deepgram);
    }

    private static TtsProperties.Deepgram withKey(String key) {
        return new TtsProperties.Deepgram(null, key, null);
    }

    private static TtsProperties.Mary mary() {
        return new TtsProperties.Mary(Path.of("target", "marytts"), 1, null);
    }
}
