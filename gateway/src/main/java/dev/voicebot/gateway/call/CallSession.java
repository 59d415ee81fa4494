package dev.voicebot.gateway.call;

import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.DtmfReceived;
import dev.voicebot.common.event.MarkPlayed;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.gateway.call.CallAction.BeginPlayback;
import dev.voicebot.gateway.call.CallAction.Close;
import dev.voicebot.gateway.call.CallAction.Drop;
import dev.voicebot.gateway.call.CallAction.MarkEchoed;
import dev.voicebot.gateway.call.CallAction.PublishAudio;
import dev.voicebot.gateway.call.CallAction.PublishEvent;
import dev.voicebot.gateway.exotel.ExotelInbound;
import dev.voicebot.gateway.playback.TurnMarks;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call's protocol state: {@code connected} → {@code started} → {@code ended}. It turns Exotel
 * messages into {@link CallAction}s and publishes exactly one {@link CallEnded} for a started call,
 * whichever way it ends. Thread-safe; does no I/O.
 */
public final class CallSession {

    /** WebSocket close codes (RFC 6455 §7.4.1). */
    public static final int CLOSE_NORMAL = 1000;

    public static final int CLOSE_POLICY_VIOLATION = 1008;

    private enum State {
        CONNECTED,
        STARTED,
        ENDED
    }

    private final HandshakeParameters handshake;
    private final String route;
    private final InstantSource clock;

    private State state = State.CONNECTED;
    private boolean connectedSeen;
    private String callSid;
    private String streamSid;
    private int sampleRate;
    private long audioSequence;
    private long audioBytes;

    public CallSession(HandshakeParameters handshake, String route, InstantSource clock) {
        this.handshake = handshake;
        this.route = route;
        this.clock = clock;
    }

    public synchronized List<CallAction> onMessage(ExotelInbound message) {
        return switch (message) {
            case ExotelInbound.Connected connected -> onConnected();
            case ExotelInbound.Start start -> onStart(start);
            case ExotelInbound.Media media -> onMedia(media);
            case ExotelInbound.Dtmf dtmf -> onDtmf(dtmf);
            case ExotelInbound.Mark mark -> onMark(mark);
            case ExotelInbound.Stop stop -> onStop(stop);
            case ExotelInbound.Rejected rejected ->
                List.of(new Drop(rejected.problem().tag(), rejected.detail()));
        };
    }

    /** The socket closed; a started call that got no {@code stop} dropped. */
    public synchronized List<CallAction> onSocketClosed(int code, String reason) {
        if (state != State.STARTED) {
            state = State.ENDED;
            return List.of();
        }
        state = State.ENDED;
        String detail = "socket closed with " + code + (reason == null || reason.isBlank() ? "" : " " + reason);
        return List.of(ended(CallEnded.Reason.SOCKET_DROPPED, detail));
    }

    /** The bot ends the call: close the socket, which returns the call to Exotel's flow. */
    public synchronized List<CallAction> endByBot(String reason) {
        if (state != State.STARTED) {
            return List.of();
        }
        state = State.ENDED;
        return List.of(ended(CallEnded.Reason.BOT_ENDED, reason), new Close(CLOSE_NORMAL, "call ended by the bot"));
    }

    /** The gateway cannot carry the call any further. */
    public synchronized List<CallAction> fail(int closeCode, String reason) {
        State before = state;
        state = State.ENDED;
        if (before == State.STARTED) {
            return List.of(ended(CallEnded.Reason.ERROR, reason), new Close(closeCode, reason));
        }
        return List.of(new Close(closeCode, reason));
    }

    public synchronized String callSid() {
        return callSid;
    }

    private List<CallAction> onConnected() {
        if (connectedSeen || state != State.CONNECTED) {
            return List.of(new Drop(CallProblem.DUPLICATE_CONNECTED.tag(), "'connected' sent again"));
        }
        connectedSeen = true;
        return List.of();
    }

    private List<CallAction> onStart(ExotelInbound.Start start) {
        if (state != State.CONNECTED) {
            return List.of(new Drop(
                    CallProblem.DUPLICATE_START.tag(),
                    "second 'start' on this socket (call_sid " + start.callSid() + ") ignored"));
        }
        if (start.callSid() == null) {
            state = State.ENDED;
            return List.of(
                    new Drop(CallProblem.START_WITHOUT_CALL_SID.tag(), "'start' has no call_sid"),
                    new Close(CLOSE_POLICY_VIOLATION, "start without call_sid"));
        }
        callSid = start.callSid();
        streamSid = start.streamSid();
        SampleRates.Choice rate = SampleRates.choose(handshake.sampleRate(), start.mediaFormat());
        if (!rate.supported()) {
            state = State.ENDED;
            return List.of(
                    new Drop(CallProblem.UNSUPPORTED_SAMPLE_RATE.tag(), rate.error()),
                    new PublishEvent(
                            new CallEnded(callSid, CallEnded.Reason.ERROR, rate.error(), now().toEpochMilli())),
                    new Close(CLOSE_POLICY_VIOLATION, rate.error()));
        }
        sampleRate = rate.rate();
        state = State.STARTED;
        Map<String, String> parameters = new LinkedHashMap<>(handshake.queryParameters());
        parameters.putAll(start.customParameters());
        CallStarted started = new CallStarted(
                callSid,
                streamSid,
                start.accountSid(),
                start.from(),
                start.to(),
                parameters,
                sampleRate,
                directionOf(parameters),
                route,
                now().toEpochMilli());
        return List.of(new PublishEvent(started), new BeginPlayback(callSid, streamSid, sampleRate));
    }

    private List<CallAction> onMedia(ExotelInbound.Media media) {
        if (state == State.CONNECTED) {
            return List.of(new Drop(CallProblem.MEDIA_BEFORE_START.tag(), "media before start"));
        }
        if (state == State.ENDED) {
            return List.of(new Drop(CallProblem.MEDIA_AFTER_STOP.tag(), "media after the call ended"));
        }
        byte[] pcm = media.pcm();
        if (pcm.length == 0) {
            return List.of(new Drop(CallProblem.EMPTY_AUDIO.tag(), "media with an empty payload"));
        }
        if (pcm.length % 2 != 0) {
            return List.of(new Drop(
                    CallProblem.ODD_LENGTH_AUDIO.tag(),
                    "media payload of " + pcm.length + " bytes is not whole PCM16 samples"));
        }
        long offsetMs = audioBytes / 2 * 1000 / sampleRate;
        audioBytes += pcm.length;
        AudioRecord record = new AudioRecord(callSid, pcm, sampleRate, audioSequence++, 0, false, micros(now()), route);
        return List.of(new PublishAudio(record, offsetMs));
    }

    private List<CallAction> onDtmf(ExotelInbound.Dtmf dtmf) {
        List<CallAction> misplaced = misplaced("dtmf");
        if (misplaced != null) {
            return misplaced;
        }
        int duration = (int) Math.min(Integer.MAX_VALUE, Math.max(0, dtmf.durationMs()));
        return List.of(new PublishEvent(new DtmfReceived(callSid, dtmf.digit(), duration, now().toEpochMilli())));
    }

    private List<CallAction> onMark(ExotelInbound.Mark mark) {
        List<CallAction> misplaced = misplaced("mark");
        if (misplaced != null) {
            return misplaced;
        }
        MarkPlayed played = new MarkPlayed(callSid, mark.name(), TurnMarks.turnOf(mark.name()), now().toEpochMilli());
        // Published before the echo is applied: the echo may end the call, and whoever reads the
        // call's events must see the goodbye played before the call ended.
        return List.of(new PublishEvent(played), new MarkEchoed(mark.name()));
    }

    private List<CallAction> onStop(ExotelInbound.Stop stop) {
        List<CallAction> misplaced = misplaced("stop");
        if (misplaced != null) {
            return misplaced;
        }
        state = State.ENDED;
        CallEnded.Reason reason = stop.callerHungUp() ? CallEnded.Reason.CALLER_HUNG_UP : CallEnded.Reason.STOPPED;
        String detail = stop.reason() == null ? "stop without a reason" : "stop: " + stop.reason();
        return List.of(ended(reason, detail), new Close(CLOSE_NORMAL, "stream stopped"));
    }

    /** A drop when a call event arrives outside a started call, else {@code null}. */
    private List<CallAction> misplaced(String event) {
        return switch (state) {
            case STARTED -> null;
            case CONNECTED -> List.of(new Drop(CallProblem.EVENT_BEFORE_START.tag(), event + " before start"));
            case ENDED -> List.of(new Drop(CallProblem.EVENT_AFTER_STOP.tag(), event + " after the call ended"));
        };
    }

    private PublishEvent ended(CallEnded.Reason reason, String detail) {
        return new PublishEvent(new CallEnded(callSid, reason, detail, now().toEpochMilli()));
    }

    private static CallDirection directionOf(Map<String, String> parameters) {
        String direction = parameters.get("direction");
        return direction != null && direction.strip().equalsIgnoreCase("outbound")
                ? CallDirection.OUTBOUND
                : CallDirection.INBOUND;
    }

    private Instant now() {
        return clock.instant();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
