package dev.voicebot.stt;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.service.resilience.CircuitBreakers;
import dev.voicebot.stt.call.CallSessions;
import dev.voicebot.stt.call.CallSettings;
import dev.voicebot.stt.call.KafkaSpeechSink;
import dev.voicebot.stt.call.SpeechSink;
import dev.voicebot.stt.call.SttMetrics;
import dev.voicebot.stt.grammar.JsgfGrammar;
import dev.voicebot.stt.grammar.JsgfGrammarBuilder;
import dev.voicebot.stt.grammar.Pronunciations;
import dev.voicebot.stt.grammar.ScriptGrammar;
import dev.voicebot.stt.recognizer.FallbackRecognizer;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import dev.voicebot.stt.recognizer.deepgram.DeepgramRecognizer;
import dev.voicebot.stt.recognizer.deepgram.DeepgramSettings;
import dev.voicebot.stt.recognizer.pocketsphinx.PocketSphinxRecognizer;
import dev.voicebot.stt.recognizer.pocketsphinx.PocketSphinxSettings;
import dev.voicebot.stt.recognizer.vosk.VoskRecognizer;
import dev.voicebot.stt.vad.SileroModel;
import dev.voicebot.stt.vad.TurnSettings;
import dev.voicebot.stt.vad.VadFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the chosen recognizer, the voice activity detector and the per-call sessions. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SttProperties.class)
class SttConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SttConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(SpeechRecognizer.class)
    SpeechRecognizer speechRecognizer(SttProperties properties, ObjectProvider<CircuitBreakers> breakers) {
        return switch (properties.provider().toLowerCase(Locale.ROOT)) {
            case PocketSphinxRecognizer.NAME -> pocketSphinx(properties);
            case DeepgramRecognizer.NAME ->
                new FallbackRecognizer(
                        deepgram(properties.deepgram()),
                        properties.fallbackToEmbedded() ? pocketSphinx(properties) : null,
                        breakers.getIfAvailable(CircuitBreakers::unmetered).create("stt", DeepgramRecognizer.NAME));
            case VoskRecognizer.NAME ->
                new VoskRecognizer(
                        properties.vosk().modelPath(),
                        properties.vosk().useScriptGrammar() ? scriptPhrases(properties) : List.of());
            default ->
                throw new IllegalStateException("VOICEBOT_STT_PROVIDER must be pocketsphinx, deepgram or vosk, not '"
                        + properties.provider() + "'");
        };
    }

    private static SpeechRecognizer pocketSphinx(SttProperties properties) {
        SttProperties.PocketSphinx config = properties.pocketsphinx();
        PocketSphinxSettings defaults = PocketSphinxSettings.defaults();
        PocketSphinxSettings settings = new PocketSphinxSettings(
                Optional.ofNullable(config.model()).orElse(defaults.acousticModel()),
                Optional.ofNullable(config.dictionary()).orElse(defaults.dictionary()),
                Optional.ofNullable(config.initialDecoders()).orElse(defaults.initialDecoders()),
                Optional.ofNullable(config.maxDecoders()).orElse(defaults.maximumDecoders()),
                Optional.ofNullable(config.decoderWait()).orElse(defaults.decoderWait()),
                Optional.ofNullable(config.rejectBelow()).orElse(defaults.rejectBelow()),
                defaults.partialInterval());
        if (!settings.dictionary().toFile().isFile()) {
            throw new IllegalStateException("pocketsphinx dictionary not found: " + settings.dictionary() + ". Install"
                    + " the Debian packages pocketsphinx-en-us and libpocketsphinx3 (tools/apt-packages.txt)");
        }
        AgentScript script = AgentScript.fromLocation(properties.script());
        JsgfGrammar grammar = new JsgfGrammarBuilder(Pronunciations.read(settings.dictionary()))
                .fromGroups(ScriptGrammar.groups(script));
        log.info(
                "embedded recognizer listens for {} phrases of script '{}'",
                grammar.phrases().size(),
                script.name());
        return new PocketSphinxRecognizer(settings, grammar);
    }

    private static SpeechRecognizer deepgram(SttProperties.Deepgram config) {
        DeepgramSettings defaults = DeepgramSettings.defaults(config.apiKey());
        DeepgramSettings settings = new DeepgramSettings(
                config.apiKey(),
                Optional.ofNullable(config.url()).filter(url -> !url.isBlank()).orElse(defaults.url()),
                Optional.ofNullable(config.model()).orElse(defaults.model()),
                Optional.ofNullable(config.language()).orElse(defaults.language()),
                Optional.ofNullable(config.endpointingMs()).orElse(defaults.endpointingMs()),
                Optional.ofNullable(config.utteranceEndMs()).orElse(defaults.utteranceEndMs()),
                defaults.keepAlive(),
                Optional.ofNullable(config.connectTimeout()).orElse(defaults.connectTimeout()),
                defaults.reconnectAttempts(),
                defaults.reconnectBackoff(),
                defaults.replayLimit(),
                Optional.ofNullable(config.finalizeTimeout()).orElse(defaults.finalizeTimeout()),
                defaults.closeTimeout(),
                defaults.refusalCooldown());
        return new DeepgramRecognizer(settings);
    }

    private static List<String> scriptPhrases(SttProperties properties) {
        return AgentScript.fromLocation(properties.script()).callerPhrases();
    }

    @Bean(destroyMethod = "close")
    VadFactory vadFactory(SttProperties properties) {
        SttProperties.Energy energy = properties.energy();
        return switch (properties.vad().toLowerCase(Locale.ROOT)) {
            case "energy" -> VadFactory.energy(energy.floorRatio(), energy.minimumRms());
            case "silero" ->
                VadFactory.silero(SileroModel.load(properties.sileroModel()), energy.floorRatio(), energy.minimumRms());
            default ->
                throw new IllegalStateException(
                        "VOICEBOT_STT_VAD must be energy or silero, not '" + properties.vad() + "'");
        };
    }

    @Bean
    @ConditionalOnMissingBean(SpeechSink.class)
    SpeechSink speechSink(KafkaTemplate<String, byte[]> template) {
        return new KafkaSpeechSink(template);
    }

    @Bean
    TakeoverReplay takeoverReplay() {
        return new TakeoverReplay();
    }

    @Bean
    SessionRebalanceListener sessionRebalanceListener(
            CallSessions calls, TakeoverReplay replay, SttProperties properties) {
        return new SessionRebalanceListener(calls, replay, properties.takeoverLookback(), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    CallSessions callSessions(
            SpeechRecognizer recognizer,
            VadFactory vads,
            SpeechSink sink,
            SttProperties properties,
            MeterRegistry meterRegistry) {
        SttProperties.Turn turn = properties.turn();
        CallSettings settings = new CallSettings(
                new TurnSettings(turn.minSpeech(), turn.endOfTurnSilence(), turn.preRoll(), turn.maxUtterance()),
                properties.publishPartials(),
                properties.maxRestarts(),
                properties.restartBackoff());
        log.info(
                "stt worker: provider {}, {} voice activity detection, end of turn after {} ms of silence",
                recognizer.name(),
                vads.kind(),
                turn.endOfTurnSilence().toMillis());
        return new CallSessions(
                recognizer, vads, sink, settings, properties.idleTimeout(), new SttMetrics(meterRegistry));
    }
}
