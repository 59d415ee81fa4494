package dev.voicebot.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.DtmfReceived;
import dev.voicebot.common.event.MarkPlayed;
import dev.voicebot.gateway.call.CallAction.BeginPlayback;
import dev.voicebot.gateway.call.CallAction.Close;
import dev.voicebot.gateway.call.CallAction.Drop;
import dev.voicebot.gateway.call.CallAction.MarkEchoed;
import dev.voicebot.gateway.call.CallAction.PublishAudio;
import dev.voicebot.gateway.call.CallAction.PublishEvent;
import dev.voicebot.gateway.exotel.ExotelInbound;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallSessionTest {

    private static final String ROUTE = "voicebot.gateway.test-1";
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.123456Z");

    private static CallSession session(Map<String, String> query, String urlRate) {
        return new CallSession(new HandshakeParameters(query, urlRate, "/ws"), ROUTE, InstantSource.fixed(NOW));
    }

    private static ExotelInbound.Start start(Map<String, String> custom, ExotelInbound.MediaFormat format) {
        return new ExotelInbound.Start(
                1, "stream-1", "call-1", "acct-1", "+919876543210", "+918044556677", custom, format);
    }

    private static ExotelInbound.Media media(int bytes) {
        return new ExotelInbound.Media(2, "stream-1", 1, 0, new byte[bytes]);
    }

    @Test
    void startPublishesCallStartedAndBeginsPlayback() {
        CallSession session = session(Map.of("campaign", "url", "lang", "en"), null);
        assertThat(session.onMessage(new ExotelInbound.Connected())).isEmpty();

        List<CallAction> actions =
                session.onMessage(start(Map.of("campaign", "start"), new ExotelInbound.MediaFormat("raw", 16000, 128)));

        CallStarted started = (CallStarted) ((PublishEvent) actions.get(0)).event();
        assertThat(started.callSid()).isEqualTo("call-1");
        assertThat(started.streamSid()).isEqualTo("stream-1");
        assertThat(started.sampleRate()).isEqualTo(16000);
        assertThat(started.route()).isEqualTo(ROUTE);
        assertThat(started.direction()).isEqualTo(CallDirection.INBOUND);
        assertThat(started.customParameters())
                .containsExactlyInAnyOrderEntriesOf(Map.of("campaign", "start", "lang", "en"));
        assertThat(started.at()).isEqualTo(NOW.toEpochMilli());
        assertThat(actions.get(1)).isEqualTo(new BeginPlayback("call-1", "stream-1", 16000));
    }

    @Test
    void urlSampleRateWinsOverMediaFormat() {
        List<CallAction> actions =
                session(Map.of(), "24000").onMessage(start(Map.of(), new ExotelInbound.MediaFormat("raw", 8000, 128)));
        assertThat(((CallStarted) ((PublishEvent) actions.get(0)).event()).sampleRate())
                .isEqualTo(24000);
    }

    @Test
    void defaultRateIs8000() {
        List<CallAction> actions = session(Map.of(), null).onMessage(start(Map.of(), null));
        assertThat(((CallStarted) ((PublishEvent) actions.get(0)).event()).sampleRate())
                .isEqualTo(8000);
    }

    @Test
    void outboundDirectionFromAParameter() {
        List<CallAction> actions =
                session(Map.of("direction", "OUTBOUND"), null).onMessage(start(Map.of(), null));
        assertThat(((CallStarted) ((PublishEvent) actions.get(0)).event()).direction())
                .isEqualTo(CallDirection.OUTBOUND);
    }

    @Test
    void unsupportedRateEndsTheCallWithAnError() {
        CallSession session = session(Map.of(), "44100");
        List<CallAction> actions = session.onMessage(start(Map.of(), null));

        assertThat(actions).hasSize(3);
        assertThat(((Drop) actions.get(0)).reason()).isEqualTo("unsupported_sample_rate");
        CallEnded ended = (CallEnded) ((PublishEvent) actions.get(1)).event();
        assertThat(ended.reason()).isEqualTo(CallEnded.Reason.ERROR);
        assertThat(ended.detail()).contains("44100");
        Close close = (Close) actions.get(2);
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).contains("44100");
        assertThat(session.onMessage(media(320))).singleElement().isInstanceOf(Drop.class);
        assertThat(session.onSocketClosed(1008, "")).isEmpty();
    }

    @Test
    void mediaBecomesNumberedAudioRecords() {
        CallSession session = session(Map.of(), null);
        session.onMessage(start(Map.of(), null));

        PublishAudio first = (PublishAudio) session.onMessage(media(1600)).getFirst();
        PublishAudio second = (PublishAudio) session.onMessage(media(1600)).getFirst();

        assertThat(first.audio().callSid()).isEqualTo("call-1");
        assertThat(first.audio().sampleRate()).isEqualTo(8000);
        assertThat(first.audio().turn()).isZero();
        assertThat(first.audio().route()).isEqualTo(ROUTE);
        assertThat(first.audio().capturedAtMicros()).isEqualTo(NOW.toEpochMilli() * 1000 + 456);
        assertThat(first.audio().sequence()).isZero();
        assertThat(first.audioOffsetMs()).isZero();
        assertThat(second.audio().sequence()).isEqualTo(1);
        assertThat(second.audioOffsetMs()).isEqualTo(100);
    }

    @Test
    void badMediaIsDroppedWithItsReason() {
        CallSession session = session(Map.of(), null);
        assertThat(reasons(session.onMessage(media(320)))).containsExactly("media_before_start");
        session.onMessage(start(Map.of(), null));
        assertThat(reasons(session.onMessage(media(321)))).containsExactly("odd_length_audio");
        assertThat(reasons(session.onMessage(media(0)))).containsExactly("empty_audio");
        assertThat(reasons(session.onMessage(start(Map.of(), null)))).containsExactly("duplicate_start");
        assertThat(session.onMessage(media(320))).singleElement().isInstanceOf(PublishAudio.class);
    }

    @Test
    void dtmfAndMarks() {
        CallSession session = session(Map.of(), null);
        assertThat(reasons(session.onMessage(new ExotelInbound.Dtmf(1, "s", "5", 100))))
                .containsExactly("event_before_start");
        session.onMessage(start(Map.of(), null));

        DtmfReceived dtmf =
                (DtmfReceived) ((PublishEvent) session.onMessage(new ExotelInbound.Dtmf(3, "stream-1", "#", 120))
                                .getFirst())
                        .event();
        assertThat(dtmf.digit()).isEqualTo("#");
        assertThat(dtmf.durationMs()).isEqualTo(120);

        List<CallAction> mark = session.onMessage(new ExotelInbound.Mark(4, "stream-1", "turn-7"));
        MarkPlayed played = (MarkPlayed) ((PublishEvent) mark.getFirst()).event();
        assertThat(mark.get(1)).isEqualTo(new MarkEchoed("turn-7"));
        assertThat(played.turn()).isEqualTo(7);
        assertThat(played.name()).isEqualTo("turn-7");

        MarkPlayed foreign =
                (MarkPlayed) ((PublishEvent) session.onMessage(new ExotelInbound.Mark(5, "stream-1", "greeting"))
                                .getFirst())
                        .event();
        assertThat(foreign.turn()).isZero();
    }

    @Test
    void stopEndsTheCallOnce() {
        CallSession session = session(Map.of(), null);
        session.onMessage(start(Map.of(), null));

        List<CallAction> actions =
                session.onMessage(new ExotelInbound.Stop(9, "stream-1", "call-1", "acct-1", "callended"));
        assertThat(endReason(actions)).isEqualTo(CallEnded.Reason.CALLER_HUNG_UP);
        assertThat(actions.get(1)).isEqualTo(new Close(1000, "stream stopped"));

        assertThat(reasons(session.onMessage(media(320)))).containsExactly("media_after_stop");
        assertThat(session.onSocketClosed(1000, "")).isEmpty();
        assertThat(session.endByBot("bye")).isEmpty();
    }

    @Test
    void stoppedByTheApplet() {
        CallSession session = session(Map.of(), null);
        session.onMessage(start(Map.of(), null));
        assertThat(endReason(session.onMessage(new ExotelInbound.Stop(9, "stream-1", null, null, "stopped"))))
                .isEqualTo(CallEnded.Reason.STOPPED);
    }

    @Test
    void socketDroppedWithoutStop() {
        CallSession session = session(Map.of(), null);
        session.onMessage(start(Map.of(), null));
        List<CallAction> actions = session.onSocketClosed(1006, "");
        assertThat(endReason(actions)).isEqualTo(CallEnded.Reason.SOCKET_DROPPED);
        assertThat(((CallEnded) ((PublishEvent) actions.getFirst()).event()).detail())
                .contains("1006");
    }

    @Test
    void botEndsTheCall() {
        CallSession session = session(Map.of(), null);
        session.onMessage(start(Map.of(), null));
        List<CallAction> actions = session.endByBot("goodbye");
        assertThat(endReason(actions)).isEqualTo(CallEnded.Reason.BOT_ENDED);
        assertThat(((Close) actions.get(1)).code()).isEqualTo(1000);
        assertThat(session.onSocketClosed(1000, "")).isEmpty();
    }

    @Test
    void startWithoutCallSidClosesThePolicyViolator() {
        CallSession session = session(Map.of(), null);
        List<CallAction> actions =
                session.onMessage(new ExotelInbound.Start(1, "stream-1", null, null, null, null, Map.of(), null));
        assertThat(reasons(actions)).containsExactly("start_without_call_sid");
        assertThat(((Close) actions.get(1)).code()).isEqualTo(1008);
    }

    @Test
    void rejectedFramesBecomeDrops() {
        CallSession session = session(Map.of(), null);
        List<CallAction> actions = session.onMessage(
                new ExotelInbound.Rejected(ExotelInbound.Problem.MALFORMED_JSON, null, "Unexpected character"));
        assertThat(actions).containsExactly(new Drop("malformed_json", "Unexpected character"));
    }

    private static List<String> reasons(List<CallAction> actions) {
        return actions.stream()
                .filter(Drop.class::isInstance)
                .map(a -> ((Drop) a).reason())
                .toList();
    }

    private static CallEnded.Reason endReason(List<CallAction> actions) {
        return ((CallEnded) ((PublishEvent) actions.getFirst()).event()).reason();
    }
}
