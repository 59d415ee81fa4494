package dev.voicebot.common.kafka;

/**
 * A record that no amount of retrying will decode. Consumers send such a record to {@link
 * Topics#DEAD_LETTERS} and move on, so it never blocks its partition.
 */
public class UndecodableRecordException extends RuntimeException {

    public UndecodableRecordException(String message) {
        super(message);
    }

    public UndecodableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
