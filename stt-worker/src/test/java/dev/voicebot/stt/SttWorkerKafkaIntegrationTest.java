package dev.voicebot.stt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.SpeechEnded;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.EventRecords;
import dev.voicebot.common.kafka.HeaderNames;
import dev.voicebot.common.kafka.RecordHeaderValues;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.stt.corpus.Corpus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** The worker as deployed (embedded recognizer, energy VAD) between a real broker's topics. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"voicebot.kafka.partitions=2", "spring.kafka.listener.concurrency=1"})
class SttWorkerKafkaIntegrationTest extends WorkerOnBroker {

    private void sendCall(String callSid, byte[] audio) throws Exception {
        WorkerCalls.start(template, callSid);
        WorkerCalls.sendAudio(template, callSid, audio, 0);
    }

    @Test
    void callerAudioInBecomesSpeechEventsAndATranscriptOutWithTheRoute() throws Exception {
        Corpus.Utterance utterance = WorkerCalls.utterance("in09");
        sendCall(
                "CA-it-1",
                WorkerCalls.concat(
                        Pcm16.silence(WorkerCalls.RATE, 1000),
                        utterance.audio().pcm(),
                        Pcm16.silence(WorkerCalls.RATE, 1000)));

        List<ConsumerRecord<String, byte[]>> records = WorkerCalls.readUntilFinal(speech, "CA-it-1");
        List<VoicebotEvent> events =
                records.stream().map(r -> EventCodec.decode(r.value())).toList();

        assertThat(events).hasExactlyElementsOfTypes(SpeechStarted.class, SpeechEnded.class, Transcript.class);
        assertThat(((Transcript) events.get(2)).text()).isEqualTo(utterance.text());
        assertThat(records).allSatisfy(record -> {
            assertThat(RecordHeaderValues.text(record.headers(), HeaderNames.ROUTE))
                    .isEqualTo(WorkerCalls.ROUTE);
            assertThat(RecordHeaderValues.number(record.headers(), HeaderNames.AUDIO_OFFSET_MS, -1))
                    .isPositive();
            assertThat(RecordHeaderValues.number(record.headers(), HeaderNames.CAPTURED_AT, -1))
                    .isPositive();
        });
        assertThat(RecordHeaderValues.number(records.get(2).headers(), HeaderNames.TURN_STARTED_AT, -1))
                .isPositive();
    }

    @Test
    void anUndecodableAudioRecordIsSetAsideAndTheCallGoesOn() throws Exception {
        template.send(new ProducerRecord<>(Topics.AUDIO_IN, "CA-it-2", "odd".getBytes(StandardCharsets.US_ASCII)))
                .get(10, TimeUnit.SECONDS);
        Corpus.Utterance utterance = WorkerCalls.utterance("in15");
        sendCall(
                "CA-it-2",
                WorkerCalls.concat(
                        Pcm16.silence(WorkerCalls.RATE, 600),
                        utterance.audio().pcm(),
                        Pcm16.silence(WorkerCalls.RATE, 1000)));

        List<ConsumerRecord<String, byte[]>> records = WorkerCalls.readUntilFinal(speech, "CA-it-2");
        assertThat(EventCodec.decode(records.getLast().value()))
                .isInstanceOfSatisfying(
                        Transcript.class, t -> assertThat(t.text()).isEqualTo(utterance.text()));
        template.send(EventRecords.of(
                        Topics.CALL_EVENTS,
                        new CallEnded(
                                "CA-it-2", CallEnded.Reason.CALLER_HUNG_UP, "callended", System.currentTimeMillis()),
                        WorkerCalls.ROUTE))
                .get(10, TimeUnit.SECONDS);
    }
}
