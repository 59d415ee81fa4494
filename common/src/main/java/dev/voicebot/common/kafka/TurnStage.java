package dev.voicebot.common.kafka;

import java.util.Locale;

/**
 * The moments of a bot turn, in pipeline order. Each service stamps its moments into the headers of
 * the records it produces (epoch microseconds) and copies the stamps it received, so the first audio
 * record of a turn reaching the gateway carries the turn's whole timeline.
 */
public enum TurnStage {
    /** stt-worker: the caller's end of speech was detected. */
    SPEECH_ENDED,
    /** stt-worker: the final transcript was sent. */
    TRANSCRIPT_SENT,
    /** llm-worker: the transcript arrived. */
    LLM_RECEIVED,
    /** llm-worker: the provider's first token arrived. */
    LLM_FIRST_TOKEN,
    /** llm-worker: the turn's first segment was sent. */
    SEGMENT_SENT,
    /** tts-worker: the first segment arrived. */
    TTS_RECEIVED,
    /** tts-worker: the turn's first audio was sent. */
    TTS_FIRST_AUDIO,
    /** gateway: the turn's first audio arrived. */
    GATEWAY_RECEIVED,
    /** gateway: the turn's first audio frame went out on the caller's socket. */
    FIRST_AUDIO_ON_SOCKET;

    private static final String HEADER_PREFIX = "vb-t-";

    /** The header carrying this stage's stamp, e.g. {@code vb-t-llm-first-token}. */
    public String header() {
        return HEADER_PREFIX + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The key of this stage in a {@code turn.latency} event. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
