package dev.voicebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.simulator.CallerVoice;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code kill -9} of the STT worker while the caller is in the middle of a sentence: the worker that gets the call's
 * partitions re-reads the audio from before the committed offset, so the sentence is recognized whole, and its start
 * is announced once. Two worker JVMs (PocketSphinx) from the packaged jar share the group on a broker JVM of their
 * own ({@link WorkerJvms}); the caller's audio is the simulator's FreeTTS voice, sent as the gateway would.
 */
@Isolated("starts a broker and two worker JVMs, and times a failover: other tests' calls would suffer and slow it")
class SttWorkerKilledMidSentenceE2ETest {

    private static final int RATE = 8000;
    private static final int RECORD_BYTES = RATE / 10 * 2;
    private static final String SENTENCE = "what are your opening hours";

    private WorkerJvms jvms;
    private long sequence;

    @BeforeEach
    void start() throws Exception {
        jvms = new WorkerJvms(
                WorkerGroups.Kind.STT, List.of(Topics.AUDIO_IN, Topics.CALL_EVENTS), "stt-killed-mid-sentence");
    }

    @AfterEach
    void stop() throws Exception {
        jvms.close();
    }

    @Test
    void theNextOwnerRecognizesTheWholeSentence() throws Exception {
        ServiceProcess first = jvms.start("stt-worker-a", "STT_WORKER_PORT", Map.of());
        jvms.start("stt-worker-b", "STT_WORKER_PORT", Map.of());
        String route = jvms.createRoute("e2e-stt-kill");
        jvms.readFromEnd(List.of(Topics.SPEECH));
        String call = jvms.callHeldBy("stt-worker-a", 2);
        byte[] sentence = CallerVoice.shared().synthesize(SENTENCE, RATE);
        int cut = sentence.length * 11 / 20 / RECORD_BYTES * RECORD_BYTES;

        jvms.send(Topics.CALL_EVENTS, WorkerJvms.inboundCall(call, route), route);
        sendAudio(call, route, Pcm16.silence(RATE, 1000));
        sendAudio(call, route, Arrays.copyOf(sentence, cut));
        jvms.await(call, e -> e instanceof SpeechStarted);
        Thread.sleep(300); // the first worker takes, and commits, the rest of what was sent

        long killed = System.nanoTime();
        first.kill();
        assertThat(first.awaitExit(Duration.ofSeconds(10))).isTrue();
        sendAudio(call, route, Arrays.copyOfRange(sentence, cut, sentence.length));
        sendAudio(call, route, Pcm16.silence(RATE, 1500));

        WorkerJvms.Received heard = jvms.await(call, e -> e instanceof Transcript t && t.isFinal());
        System.out.printf(
                "e2e: STT worker killed mid-sentence; the next owner's final transcript %.1f s after the kill%n",
                (heard.nanos() - killed) / 1e9);
        assertThat(((Transcript) heard.event()).text()).isEqualTo(SENTENCE);
        assertThat(jvms.events(call).stream().filter(SpeechStarted.class::isInstance))
                .as("the sentence's start was announced once, by the first worker")
                .hasSize(1);
    }

    /** Sends audio in 100 ms records, as the gateway does. */
    private void sendAudio(String call, String route, byte[] pcm) throws Exception {
        for (int offset = 0; offset < pcm.length; offset += RECORD_BYTES) {
            byte[] piece = Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + RECORD_BYTES));
            jvms.send(new AudioRecord(call, piece, RATE, ++sequence, 0, false, System.currentTimeMillis() * 1000, route)
                    .toProducerRecord(Topics.AUDIO_IN));
        }
    }
}
