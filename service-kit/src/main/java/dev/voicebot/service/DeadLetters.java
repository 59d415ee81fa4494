package dev.voicebot.service;

import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.kafka.UndecodableRecordException;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The error handler of every listener container: a record that cannot be decoded goes straight to
 * {@link Topics#DEAD_LETTERS} with the original topic, partition, offset and exception in headers; a
 * record whose handling fails is retried twice and then dead-lettered too. Either way the partition
 * moves on, so one bad record never stalls the calls behind it.
 */
final class DeadLetters {

    private DeadLetters() {}

    static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template) {
        var recoverer = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(Topics.DEAD_LETTERS, -1));
        var handler = new DefaultErrorHandler(recoverer, new FixedBackOff(50L, 2L));
        handler.addNotRetryableExceptions(UndecodableRecordException.class, DeserializationException.class);
        return handler;
    }
}
