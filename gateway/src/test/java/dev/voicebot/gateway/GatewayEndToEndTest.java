package dev.voicebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.ClearAudio;
import dev.voicebot.common.event.DtmfReceived;
import dev.voicebot.common.event.EndCall;
import dev.voicebot.common.event.MarkPlayed;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.TurnLatency;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.kafka.TurnTimeline;
import dev.voicebot.gateway.support.ExotelClient;
import dev.voicebot.gateway.support.ExotelClient.Received;
import dev.voicebot.gateway.support.KafkaProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A call through the real gateway: a JDK WebSocket client plays Exotel, a real broker carries the
 * audio and events, and the test plays the workers by reading the shared topics and writing the
 * gateway's route topic.
 */
class GatewayEndToEndTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aCallBothWays() {
        String callSid = newCallSid();
        String streamSid = "ST-" + callSid;
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS, Topics.AUDIO_IN, Topics.TURN_LATENCY);
                ExotelClient exotel = ExotelClient.connect(
                        uri("/ws/campaign-7?token=" + TOKEN + "&sample-rate=16000&lang=hi&campaign=url"))) {
            exotel.connected();
            exotel.start(callSid, streamSid, Map.of("lang", "en", "customer", "42"), 16000);

            // CallStarted: query parameters merged under start's own, token and sample-rate removed
            ConsumerRecord<String, byte[]> startedRecord =
                    probe.awaitEventRecord(Topics.CALL_EVENTS, callSid, CallStarted.class, WAIT);
            CallStarted started = probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallStarted.class, WAIT);
            assertThat(RecordHeaderValues.text(startedRecord.headers(), HeaderNames.ROUTE))
                    .isEqualTo(ROUTE);
            assertThat(started.route()).isEqualTo(ROUTE);
            assertThat(started.streamSid()).isEqualTo(streamSid);
            assertThat(started.sampleRate()).isEqualTo(16000);
            assertThat(started.direction()).isEqualTo(CallDirection.INBOUND);
            assertThat(started.from()).isEqualTo("+919876543210");
            assertThat(started.customParameters())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("lang", "en", "campaign", "url", "customer", "42"));

            callerAudioReachesKafka(exotel, probe, callSid, streamSid);
            botAudioIsPacedAndMarked(exotel, probe, callSid, streamSid);
            clearStopsTheTurnAtOnce(exotel, callSid);

            exotel.dtmf(streamSid, "#");
            assertThat(probe.awaitEvent(Topics.CALL_EVENTS, callSid, DtmfReceived.class, WAIT)
                            .digit())
                    .isEqualTo("#");

            endCallClosesAfterTheLastMarkIsEchoed(exotel, probe, callSid, streamSid);
        }
    }

    private void callerAudioReachesKafka(ExotelClient exotel, KafkaProbe probe, String callSid, String streamSid) {
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] frame = pcm(3200, i * 7);
            sent.add(frame);
            exotel.media(streamSid, frame, i + 1);
        }
        List<ConsumerRecord<String, byte[]>> records = probe.await(Topics.AUDIO_IN, callSid, 5, WAIT);
        for (int i = 0; i < 5; i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            assertThat(record.value()).containsExactly(sent.get(i));
            assertThat(header(record, HeaderNames.KIND)).isEqualTo("audio");
            assertThat(header(record, HeaderNames.SAMPLE_RATE)).isEqualTo("16000");
            assertThat(header(record, HeaderNames.SEQUENCE)).isEqualTo(Integer.toString(i));
            assertThat(header(record, HeaderNames.TURN)).isEqualTo("0");
            assertThat(header(record, HeaderNames.ROUTE)).isEqualTo(ROUTE);
            assertThat(header(record, HeaderNames.AUDIO_OFFSET_MS)).isEqualTo(Integer.toString(i * 100));
            assertThat(Long.parseLong(header(record, HeaderNames.CAPTURED_AT)))
                    .isGreaterThan(System.currentTimeMillis() * 1000 - 60_000_000L);
        }
    }

    private void botAudioIsPacedAndMarked(ExotelClient exotel, KafkaProbe probe, String callSid, String streamSid) {
        // 1 s of 16 kHz audio in four pieces: five 200 ms chunks of 6400 bytes
        for (int piece = 0; piece < 4; piece++) {
            sendBotAudio(callSid, pcm(8000, piece), 16000, piece, 1, piece == 3);
        }
        List<Received> media = new ArrayList<>();
        Received message;
        while ((message = exotel.next(Duration.ofSeconds(3))) != null
                && message.event().equals("media")) {
            media.add(message);
        }
        assertThat(media).hasSize(5);
        for (Received frame : media) {
            assertThat(frame.json().get("stream_sid").asString()).isEqualTo(streamSid);
            byte[] pcm = Base64.getDecoder()
                    .decode(frame.json().get("media").get("payload").asString());
            assertThat(pcm.length % 320).isZero();
            assertThat(pcm).hasSize(6400);
        }
        // two chunks fill the 400 ms lead at once, the other three follow at the 200 ms playout rate
        long spreadMs = (media.getLast().atNanos() - media.getFirst().atNanos()) / 1_000_000;
        assertThat(spreadMs).isBetween(450L, 1500L);

        assertThat(message).isNotNull();
        assertThat(message.event()).isEqualTo("mark");
        assertThat(message.json().get("stream_sid").asString()).isEqualTo(streamSid);
        assertThat(message.json().get("mark").get("name").asString()).isEqualTo("turn-1");

        TurnLatency latency = probe.awaitEvent(Topics.TURN_LATENCY, callSid, TurnLatency.class, WAIT);
        assertThat(latency.turn()).isEqualTo(1);
        assertThat(latency.stagesMicros()).containsKeys("gateway_received", "first_audio_on_socket");
        assertThat(latency.stepsMillis().get("first_audio_on_socket")).isBetween(0.0, 1000.0);

        exotel.mark(streamSid, "turn-1");
        MarkPlayed played = probe.awaitEvent(Topics.CALL_EVENTS, callSid, MarkPlayed.class, WAIT);
        assertThat(played.turn()).isEqualTo(1);
        assertThat(played.name()).isEqualTo("turn-1");
    }

    private void clearStopsTheTurnAtOnce(ExotelClient exotel, String callSid) {
        sendBotAudio(callSid, pcm(96_000, 3), 16000, 0, 2, true); // 3 s
        assertThat(exotel.next("media", WAIT)).isNotNull();

        sendCommand(new ClearAudio(callSid, 2, System.currentTimeMillis()));
        assertThat(firstAfterMedia(exotel).event()).isEqualTo("clear");

        sendBotAudio(callSid, pcm(6400, 9), 16000, 1, 2, true); // stale: its turn was cleared
        assertThat(exotel.next(Duration.ofMillis(700)))
                .as("nothing after clear")
                .isNull();

        sendBotAudio(callSid, pcm(6400, 5), 16000, 0, 3, true);
        Received resumed = exotel.next("media", WAIT);
        assertThat(resumed).isNotNull();
        assertThat(exotel.next("mark", WAIT).json().get("mark").get("name").asString())
                .isEqualTo("turn-3");
    }

    /** The first message that is not bot audio still on its way out. */
    private static Received firstAfterMedia(ExotelClient exotel) {
        Received next;
        do {
            next = exotel.next(WAIT);
            assertThat(next).as("a message after the media").isNotNull();
        } while (next.event().equals("media"));
        return next;
    }

    private void endCallClosesAfterTheLastMarkIsEchoed(
            ExotelClient exotel, KafkaProbe probe, String callSid, String streamSid) {
        sendBotAudio(callSid, pcm(12_800, 1), 16000, 0, 4, true); // 400 ms
        sendCommand(new EndCall(callSid, "goodbye", true, System.currentTimeMillis()));

        assertThat(exotel.next("mark", WAIT).json().get("mark").get("name").asString())
                .isEqualTo("turn-4");
        assertThat(exotel.isClosed()).isFalse();
        exotel.mark(streamSid, "turn-4");

        assertThat(exotel.awaitClose(WAIT)).isEqualTo(1000);
        CallEnded ended = probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallEnded.class, WAIT);
        assertThat(ended.reason()).isEqualTo(CallEnded.Reason.BOT_ENDED);
        assertThat(ended.detail()).isEqualTo("goodbye");
    }

    @Test
    void callerSpeechOnTheRouteTopicCutsTheBotOffOnceAndNoAudioOfItsTurnFollows() {
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient exotel = connect("")) {
            exotel.start(callSid, "ST-B", Map.of(), 8000);
            probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallStarted.class, WAIT);

            // the caller speaking while the bot is silent clears nothing
            sendCommand(new SpeechStarted(callSid, 100, System.currentTimeMillis()));
            sendBotAudio(callSid, pcm(48_000, 1), 8000, 0, 1, false); // 3 s
            assertThat(exotel.next(WAIT).event())
                    .as("no clear before the bot spoke")
                    .isEqualTo("media");

            var speech = EventRecords.of(ROUTE, new SpeechStarted(callSid, 900, System.currentTimeMillis()), ROUTE);
            RecordHeaderValues.put(speech.headers(), HeaderNames.CAPTURED_AT, TurnTimeline.nowMicros());
            kafka.send(speech).join();
            assertThat(firstAfterMedia(exotel).event()).isEqualTo("clear");

            // the rest of the turn still on its way, then the conversation's own clear of it
            sendBotAudio(callSid, pcm(16_000, 2), 8000, 1, 1, true);
            sendCommand(new ClearAudio(callSid, 1, System.currentTimeMillis()));
            assertThat(exotel.next(Duration.ofMillis(700)))
                    .as("no audio of the cut turn and no second clear")
                    .isNull();

            sendBotAudio(callSid, pcm(3200, 3), 8000, 0, 2, true);
            assertThat(exotel.next("media", WAIT)).isNotNull();
            assertThat(exotel.next("mark", WAIT).json().get("mark").get("name").asString())
                    .isEqualTo("turn-2");
            assertThat(meters.find("voicebot.gateway.barge_in").timer().count()).isEqualTo(1);
        }
    }

    @Test
    void callerHangsUp() {
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient exotel = connect("")) {
            exotel.connected();
            exotel.start(callSid, "ST-1", Map.of(), 8000);
            probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallStarted.class, WAIT);

            exotel.stop("ST-1", callSid, "callended");

            assertThat(probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallEnded.class, WAIT)
                            .reason())
                    .isEqualTo(CallEnded.Reason.CALLER_HUNG_UP);
            assertThat(exotel.awaitClose(WAIT)).isEqualTo(1000);
        }
    }

    @Test
    void appletStopsTheStream() {
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient exotel = connect("")) {
            exotel.start(callSid, "ST-2", Map.of(), 8000);
            exotel.stop("ST-2", callSid, "stopped");
            assertThat(probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallEnded.class, WAIT)
                            .reason())
                    .isEqualTo(CallEnded.Reason.STOPPED);
        }
    }

    @Test
    void socketDropsWithoutStop() {
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient exotel = connect("direction=outbound")) {
            exotel.start(callSid, "ST-3", Map.of(), 8000);
            assertThat(probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallStarted.class, WAIT)
                            .direction())
                    .isEqualTo(CallDirection.OUTBOUND);

            exotel.abort();

            assertThat(probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallEnded.class, WAIT)
                            .reason())
                    .isEqualTo(CallEnded.Reason.SOCKET_DROPPED);
        }
    }

    @Test
    void endCallWithoutPlaybackClosesAtOnce() {
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient exotel = connect("")) {
            exotel.start(callSid, "ST-4", Map.of(), 8000);
            probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallStarted.class, WAIT);
            sendBotAudio(callSid, pcm(32_000, 1), 8000, 0, 1, true);

            sendCommand(new EndCall(callSid, "transfer", false, System.currentTimeMillis()));

            assertThat(exotel.awaitClose(WAIT)).isEqualTo(1000);
            assertThat(probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallEnded.class, WAIT)
                            .reason())
                    .isEqualTo(CallEnded.Reason.BOT_ENDED);
        }
    }

    @Test
    void endCallAfterPlaybackGivesUpWaitingForAnEchoThatNeverComes() {
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient exotel = connect("")) {
            exotel.start(callSid, "ST-5", Map.of(), 8000);
            probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallStarted.class, WAIT);
            sendBotAudio(callSid, pcm(3200, 1), 8000, 0, 1, true);
            sendCommand(new EndCall(callSid, "goodbye", true, System.currentTimeMillis()));

            assertThat(exotel.next("mark", WAIT)).isNotNull();
            long markAt = System.nanoTime();
            assertThat(exotel.awaitClose(WAIT)).isEqualTo(1000);
            // 200 ms of audio plus the configured 1 s margin
            assertThat((System.nanoTime() - markAt) / 1_000_000).isBetween(800L, 3000L);
        }
    }

    @Test
    void unsupportedSampleRateIsRefusedWithAReason() {
        String callSid = newCallSid();
        try (KafkaProbe probe = probe(Topics.CALL_EVENTS);
                ExotelClient exotel = connect("sample-rate=44100")) {
            exotel.start(callSid, "ST-6", Map.of(), 44100);

            assertThat(exotel.awaitClose(WAIT)).isEqualTo(1008);
            CallEnded ended = probe.awaitEvent(Topics.CALL_EVENTS, callSid, CallEnded.class, WAIT);
            assertThat(ended.reason()).isEqualTo(CallEnded.Reason.ERROR);
            assertThat(ended.detail()).contains("44100");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return RecordHeaderValues.text(record.headers(), name);
    }
}
