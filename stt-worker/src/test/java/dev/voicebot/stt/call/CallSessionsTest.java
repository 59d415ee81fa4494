package dev.voicebot.stt.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.stt.recognizer.RecognitionException;
import dev.voicebot.stt.recognizer.RecognitionListener;
import dev.voicebot.stt.recognizer.RecognitionSession;
import dev.voicebot.stt.recognizer.RecognizerCapabilities;
import dev.voicebot.stt.recognizer.ScriptedRecognizer;
import dev.voicebot.stt.recognizer.SessionSpec;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import dev.voicebot.stt.vad.VadFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallSessionsTest {

    private static final int RATE = 8000;
    private static final TopicPartition AUDIO_0 = new TopicPartition(Topics.AUDIO_IN, 0);
    private static final TopicPartition AUDIO_1 = new TopicPartition(Topics.AUDIO_IN, 1);

    private final CollectingSink sink = new CollectingSink();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CallSessions calls;

    private CallSessions calls(SpeechRecognizer recognizer, Duration idleTimeout) {
        calls = new CallSessions(
                recognizer,
                VadFactory.energy(3, 150),
                sink,
                CallSettings.defaults(),
                idleTimeout,
                new SttMetrics(meters));
        return calls;
    }

    @AfterEach
    void stop() {
        if (calls != null) {
            calls.close();
        }
    }

    private static AudioRecord audio(String callSid, long sequence, byte[] pcm) {
        return new AudioRecord(callSid, pcm, RATE, sequence, 0, false, 0, "voicebot.gateway.gw-1");
    }

    private static CallStarted started(String callSid) {
        return new CallStarted(
                callSid,
                "ST-1",
                "AC-1",
                "+919876543210",
                "+918000000000",
                Map.of(),
                RATE,
                CallDirection.INBOUND,
                "voicebot.gateway.gw-1",
                1L);
    }

    @Test
    void aCallOpensOnItsFirstAudioOrItsStartAndClosesWhenItEnds() {
        calls(new ScriptedRecognizer("yes"), Duration.ofMinutes(1));
        calls.onAudio(audio("CA-a", 1, Pcm16.silence(RATE, 100)), AUDIO_0);
        calls.onCallStarted(started("CA-a"), new TopicPartition(Topics.CALL_EVENTS, 0));
        calls.onCallStarted(started("CA-b"), new TopicPartition(Topics.CALL_EVENTS, 1));
        assertThat(calls.activeCalls()).isEqualTo(2);

        calls.onCallEnded(new CallEnded("CA-a", CallEnded.Reason.CALLER_HUNG_UP, "callended", 2L));
        calls.onAudio(audio("CA-a", 2, Pcm16.silence(RATE, 100)), AUDIO_0);

        assertThat(calls.isOpen("CA-a"))
                .as("late audio of an ended call opens nothing")
                .isFalse();
        assertThat(calls.activeCalls()).isEqualTo(1);
        assertThat(meters.counter("voicebot.stt.audio.records", "outcome", "dropped-call-ended")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void losingAPartitionClosesOnlyTheCallsOnIt() {
        calls(new ScriptedRecognizer("yes"), Duration.ofMinutes(1));
        calls.onAudio(audio("CA-a", 1, Pcm16.silence(RATE, 100)), AUDIO_0);
        calls.onAudio(audio("CA-b", 1, Pcm16.silence(RATE, 100)), AUDIO_1);

        calls.revoked(List.of(AUDIO_1, new TopicPartition(Topics.CALL_EVENTS, 1)));

        assertThat(calls.isOpen("CA-a")).isTrue();
        assertThat(calls.isOpen("CA-b")).isFalse();
        calls.onAudio(audio("CA-b", 2, Pcm16.silence(RATE, 100)), AUDIO_1);
        assertThat(calls.isOpen("CA-b"))
                .as("a call that comes back opens again")
                .isTrue();
    }

    @Test
    void aCallWithoutAudioForTheIdleTimeoutIsClosed() {
        calls(new ScriptedRecognizer("yes"), Duration.ofMillis(200));
        calls.onAudio(audio("CA-a", 1, Pcm16.silence(RATE, 100)), AUDIO_0);

        await().atMost(Duration.ofSeconds(5)).until(() -> !calls.isOpen("CA-a"));
    }

    @Test
    void oneCallsBrokenRecognitionDoesNotTouchAnother() throws Exception {
        SpeechRecognizer brokenForOneCall = new SpeechRecognizer() {
            private final ScriptedRecognizer healthy = new ScriptedRecognizer("yes please");

            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public RecognizerCapabilities capabilities() {
                return healthy.capabilities();
            }

            @Override
            public RecognitionSession open(SessionSpec spec, RecognitionListener listener) {
                if (spec.callSid().equals("CA-broken")) {
                    return new ScriptedRecognizer("x")
                            .failingAfter(0, RecognitionException.Kind.INVALID_REQUEST)
                            .open(spec, listener);
                }
                return healthy.open(spec, listener);
            }
        };
        calls(brokenForOneCall, Duration.ofMinutes(1));
        byte[] turn = EnergyTurn.audio();
        for (int offset = 0, sequence = 1; offset < turn.length; offset += 1600, sequence++) {
            byte[] piece = java.util.Arrays.copyOfRange(turn, offset, Math.min(turn.length, offset + 1600));
            calls.onAudio(audio("CA-broken", sequence, piece), AUDIO_0);
            calls.onAudio(audio("CA-fine", sequence, piece), AUDIO_1);
        }

        assertThat(sink.events(Transcript.class))
                .filteredOn(t -> t.callSid().equals("CA-fine"))
                .extracting(Transcript::text)
                .containsExactly("yes please");
        assertThat(sink.events(Transcript.class))
                .filteredOn(t -> t.callSid().equals("CA-broken"))
                .extracting(Transcript::text)
                .containsExactly("");
        assertThat(Set.copyOf(sink.events().stream().map(e -> e.callSid()).toList()))
                .containsExactlyInAnyOrder("CA-broken", "CA-fine");
    }

    /** Half a second of silence, a 600 ms voiced tone, then enough silence to end the turn. */
    static final class EnergyTurn {
        static byte[] audio() {
            var out = new java.io.ByteArrayOutputStream();
            out.writeBytes(Pcm16.silence(RATE, 500));
            out.writeBytes(Pcm16.tone(RATE, 220, 600, 0.3));
            out.writeBytes(Pcm16.silence(RATE, 800));
            return out.toByteArray();
        }
    }
}
