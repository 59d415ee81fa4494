package dev.voicebot.gateway.latency;

import dev.voicebot.common.event.TurnLatency;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.kafka.TurnStage;
import dev.voicebot.common.kafka.TurnTimeline;
import dev.voicebot.gateway.kafka.CallPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.header.Headers;

/**
 * Closes each bot turn's timeline at the socket: the stamps the turn's first audio record carried
 * from the STT, LLM and TTS workers, plus when that record arrived here and when the turn's first
 * frame went out to the caller. Publishes one {@code turn.latency} event per turn and records every
 * step as a Prometheus timer ({@code voicebot.turn.step}, tagged by stage, and {@code
 * voicebot.turn.voice_to_voice} from the caller's end of speech).
 */
public final class TurnLatencyRecorder {

    private record OpenTurn(int turn, Map<TurnStage, Long> stamps) {}

    private final ConcurrentMap<String, OpenTurn> open = new ConcurrentHashMap<>();
    private final CallPublisher publisher;
    private final String route;
    private final MeterRegistry registry;
    private final Timer voiceToVoice;

    public TurnLatencyRecorder(CallPublisher publisher, String route, MeterRegistry registry) {
        this.publisher = publisher;
        this.route = route;
        this.registry = registry;
        this.voiceToVoice = Timer.builder("voicebot.turn.voice_to_voice")
                .description("caller end of speech to the turn's first audio frame on the socket")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** A record of bot audio arrived; the first of each turn opens the turn's timeline. */
    public void audioReceived(AudioRecord audio, Headers headers) {
        if (audio.sequence() != 0) {
            return;
        }
        Map<TurnStage, Long> stamps = new EnumMap<>(TurnTimeline.read(headers));
        stamps.put(TurnStage.GATEWAY_RECEIVED, TurnTimeline.nowMicros());
        open.put(audio.callSid(), new OpenTurn(audio.turn(), stamps));
    }

    /** The first frame of {@code turn} went out on the call's socket. */
    public void firstFrameSent(String callSid, int turn) {
        OpenTurn opened = open.get(callSid);
        if (opened == null || opened.turn() != turn || !open.remove(callSid, opened)) {
            return;
        }
        Map<TurnStage, Long> stamps = new EnumMap<>(opened.stamps());
        stamps.put(TurnStage.FIRST_AUDIO_ON_SOCKET, TurnTimeline.nowMicros());
        Map<String, Long> keyed = new LinkedHashMap<>();
        stamps.forEach((stage, micros) -> keyed.put(stage.key(), micros));
        TurnLatency latency = new TurnLatency(callSid, turn, keyed, System.currentTimeMillis());
        record(latency, stamps);
        publisher.event(Topics.TURN_LATENCY, latency, route);
    }

    public void callEnded(String callSid) {
        if (callSid != null) {
            open.remove(callSid);
        }
    }

    private void record(TurnLatency latency, Map<TurnStage, Long> stamps) {
        latency.stepsMillis().forEach((stage, millis) -> Timer.builder("voicebot.turn.step")
                .description("time from the previous stage of a bot turn to this one")
                .tag("stage", stage)
                .register(registry)
                .record(Duration.ofNanos(Math.round(millis * 1_000_000))));
        Long spoken = stamps.get(TurnStage.SPEECH_ENDED);
        if (spoken != null) {
            voiceToVoice.record(Duration.ofNanos((stamps.get(TurnStage.FIRST_AUDIO_ON_SOCKET) - spoken) * 1_000));
        }
    }
}
