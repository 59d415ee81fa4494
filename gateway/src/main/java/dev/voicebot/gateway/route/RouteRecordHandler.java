package dev.voicebot.gateway.route;

import dev.voicebot.common.event.ClearAudio;
import dev.voicebot.common.event.EndCall;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.RecordKind;
import dev.voicebot.common.kafka.TurnTimeline;
import dev.voicebot.common.kafka.UndecodableRecordException;
import dev.voicebot.gateway.kafka.CallPublisher;
import dev.voicebot.gateway.latency.TurnLatencyRecorder;
import dev.voicebot.gateway.metrics.GatewayMetrics;
import dev.voicebot.gateway.socket.CallConnection;
import dev.voicebot.gateway.socket.LiveCalls;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each record of this gateway's route topic to its call: bot audio to the call's playback,
 * {@link ClearAudio} and {@link EndCall} to the call's socket, and the STT worker's {@link
 * SpeechStarted} (the caller talking) to the call as a barge-in. A record for a call this instance
 * does not hold (it ended, or it never was here) is dropped and counted; a record that cannot be
 * read goes to the dead-letter topic.
 */
public final class RouteRecordHandler {

    private static final Logger log = LoggerFactory.getLogger(RouteRecordHandler.class);

    private final LiveCalls calls;
    private final CallPublisher publisher;
    private final GatewayMetrics metrics;
    private final TurnLatencyRecorder latency;

    public RouteRecordHandler(
            LiveCalls calls, CallPublisher publisher, GatewayMetrics metrics, TurnLatencyRecorder latency) {
        this.calls = calls;
        this.publisher = publisher;
        this.metrics = metrics;
        this.latency = latency;
    }

    public void handle(ConsumerRecord<String, byte[]> record) {
        try {
            if (RecordKind.of(RecordHeaderValues.text(record.headers(), HeaderNames.KIND)) == RecordKind.AUDIO) {
                play(AudioRecord.from(record), record);
            } else {
                command(EventCodec.decode(record.value()), record);
            }
        } catch (UndecodableRecordException e) {
            metrics.routeRecordDropped("undecodable");
            log.warn(
                    "call {}: unreadable record at {}-{}@{} sent to dead letters: {}",
                    record.key(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            publisher.deadLetter(record, e);
        } catch (RuntimeException e) {
            metrics.routeRecordDropped("handler_error");
            log.error("call {}: failed to handle a route record", record.key(), e);
        }
    }

    private void play(AudioRecord audio, ConsumerRecord<String, byte[]> record) {
        CallConnection call = calls.find(audio.callSid());
        if (call == null) {
            drop("unknown_call", audio.callSid(), "audio");
            return;
        }
        latency.audioReceived(audio, record.headers());
        switch (call.play(audio)) {
            case STALE -> drop("stale_audio", audio.callSid(), "audio of turn " + audio.turn());
            case OVERFLOW -> drop("playback_full", audio.callSid(), "audio of turn " + audio.turn());
            case QUEUED -> {}
        }
    }

    private void command(VoicebotEvent event, ConsumerRecord<String, byte[]> record) {
        CallConnection call = calls.find(event.callSid());
        switch (event) {
            case ClearAudio clear when call != null -> call.clear(clear.turn());
            case EndCall end when call != null -> call.endCall(end.reason(), end.afterPlayback(), end.afterTurn());
            case SpeechStarted started
            when call != null -> {
                if (call.callerSpeechStarted()) {
                    long audioAt = RecordHeaderValues.number(record.headers(), HeaderNames.CAPTURED_AT, 0);
                    metrics.bargeIn(audioAt > 0 ? TurnTimeline.nowMicros() - audioAt : -1);
                    log.debug("call {}: barge-in, the bot's audio cleared", started.callSid());
                }
            }
            case ClearAudio clear -> drop("unknown_call", clear.callSid(), "clear");
            case EndCall end -> drop("unknown_call", end.callSid(), "end-call");
            case SpeechStarted started -> drop("unknown_call", started.callSid(), "speech-started");
            default ->
                drop("not_a_gateway_command", event.callSid(), event.getClass().getSimpleName());
        }
    }

    private void drop(String reason, String callSid, String what) {
        metrics.routeRecordDropped(reason);
        log.debug("call {}: dropped {} from the route topic: {}", callSid, what, reason);
    }
}
