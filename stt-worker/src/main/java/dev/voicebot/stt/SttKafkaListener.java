package dev.voicebot.stt;

import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.stt.call.CallSessions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the worker's calls from Kafka. Audio and call events of a call share a partition number
 * (both topics are keyed by call and have the same partition count) and the range assignor gives
 * equal partition numbers of both topics to the same consumer, so one consumer thread sees all of
 * a call. Undecodable records throw and go to the dead-letter topic (service-kit's error handler).
 */
@Component
class SttKafkaListener {

    static final String LISTENER_ID = "stt-worker";

    private final CallSessions calls;
    private final TakeoverReplay replay;

    SttKafkaListener(CallSessions calls, TakeoverReplay replay) {
        this.calls = calls;
        this.replay = replay;
    }

    // idIsGroup = false: the group is spring.kafka.consumer.group-id (STT_WORKER_GROUP), not the id
    @KafkaListener(
            id = LISTENER_ID,
            idIsGroup = false,
            topics = {Topics.AUDIO_IN, Topics.CALL_EVENTS})
    void onRecord(ConsumerRecord<String, byte[]> record) {
        TopicPartition source = new TopicPartition(record.topic(), record.partition());
        if (Topics.AUDIO_IN.equals(record.topic())) {
            calls.onAudio(AudioRecord.from(record), source, replay.isReplay(source, record.offset()));
            return;
        }
        VoicebotEvent event = EventCodec.decode(record.value());
        switch (event) {
            case CallStarted started -> calls.onCallStarted(started, source);
            case CallEnded ended -> calls.onCallEnded(ended);
            default -> {}
        }
    }
}
