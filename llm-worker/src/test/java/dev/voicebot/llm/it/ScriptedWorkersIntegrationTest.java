package dev.voicebot.llm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.ClearAudio;
import dev.voicebot.common.event.DtmfReceived;
import dev.voicebot.common.event.EndCall;
import dev.voicebot.common.event.OutboundCallPlaced;
import dev.voicebot.common.event.TurnCancelled;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.llm.conversation.ConversationState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two workers with the scripted agent sharing the calls on a real broker: what a caller of the
 * demo line gets, and a call moving from one worker to the other mid-conversation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class ScriptedWorkersIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String[] SETTINGS = {
        "voicebot.llm.idle.timeout=700ms", "voicebot.llm.idle.max-reprompts=1", "voicebot.llm.dtmf-inter-digit=200ms"
    };
    private static ConfigurableApplicationContext worker;
    private static ConfigurableApplicationContext otherWorker;
    private static KafkaProbe probe;
    private static KafkaProducer<String, byte[]> producer;
    private static String route;

    @BeforeAll
    static void start() {
        route = WorkerApp.routeTopic(
                "it-scripted-" + UUID.randomUUID().toString().substring(0, 8));
        String group = "llm-it-scripted-" + UUID.randomUUID();
        worker = WorkerApp.start(group, SETTINGS);
        otherWorker = WorkerApp.startSecond(group, SETTINGS);
        WorkerApp.awaitAssignment(worker, WorkerApp.PARTITIONS);
        probe = new KafkaProbe(
                WorkerApp.bootstrap(),
                List.of(Topics.BOT_SEGMENTS, route, Topics.CONVERSATION_STATE, Topics.DEAD_LETTERS));
        producer = WorkerApp.producer();
    }

    @AfterAll
    static void stop() {
        producer.close();
        probe.close();
        otherWorker.close();
        if (worker.isActive()) {
            worker.close();
        }
    }

    private static void callEvent(dev.voicebot.common.event.VoicebotEvent event) {
        WorkerApp.send(producer, Topics.CALL_EVENTS, event, route);
    }

    private static void speech(dev.voicebot.common.event.VoicebotEvent event) {
        WorkerApp.send(producer, Topics.SPEECH, event, route);
    }

    private static BotSegment lastSegmentOf(String callSid, int turn) {
        return probe.awaitEvent(
                Topics.BOT_SEGMENTS, callSid, BotSegment.class, s -> s.turn() == turn && s.last(), WAIT);
    }

    private static String turnText(String callSid, int turn) {
        lastSegmentOf(callSid, turn);
        return String.join(
                " ",
                probe.events(Topics.BOT_SEGMENTS, callSid, BotSegment.class).stream()
                        .filter(s -> s.turn() == turn)
                        .map(BotSegment::text)
                        .toList());
    }

    @Test
    void transcriptsRepliesAndNumbersStayOutOfTheInfoLog(CapturedOutput output) {
        String call = Calls.newCallSid();
        callEvent(Calls.inbound(call, route));
        String greeting = turnText(call, 1);
        speech(Calls.said(call, "Book an appointment for my daughter."));
        String reply = turnText(call, 2);

        assertThat(output.getAll()).as("the call was logged").contains("call " + call + " started");
        assertThat(output.getAll())
                .doesNotContain("9876543210", "8041234567", "appointment for my daughter")
                .doesNotContain(greeting.substring(0, 30), reply.substring(0, 30));
    }

    @Test
    void inboundCallIsGreetedFirstInSegmentsCarryingTheRoute() {
        String call = Calls.newCallSid();

        callEvent(Calls.inbound(call, route));

        BotSegment last = lastSegmentOf(call, 1);
        List<BotSegment> segments = probe.events(Topics.BOT_SEGMENTS, call, BotSegment.class);
        assertThat(segments).extracting(BotSegment::sequence).containsExactly(0, 1, 2);
        assertThat(segments.getFirst().text()).isEqualTo("Hello, and thank you for calling Sunrise Family Clinic.");
        assertThat(segments).allMatch(s -> s.sampleRate() == 8000 && s.turn() == 1);
        assertThat(last.text()).isEqualTo("How can I help you today?");
        assertThat(probe.of(Topics.BOT_SEGMENTS, call)).allMatch(r -> route.equals(r.route()));
        ConversationState state =
                ConversationState.decode(probe.await(Topics.CONVERSATION_STATE, call, r -> r.value() != null, WAIT)
                        .value());
        assertThat(state.turn()).isEqualTo(1);
        assertThat(state.context().route()).isEqualTo(route);
    }

    @Test
    void aCallTheDialerPlacedIsOutboundThoughItsSocketOpensLikeAnInboundOne() {
        String call = Calls.newCallSid();
        callEvent(new OutboundCallPlaced(
                call, "+919876543210", "two-numbers", Map.of("caller_name", "Asha"), null, System.currentTimeMillis()));
        callEvent(Calls.inbound(call, route));

        assertThat(turnText(call, 1))
                .as("the outbound greeting, with the dialer's variables")
                .startsWith("Hello Asha, this is the appointment line of Sunrise Family Clinic.");
    }

    @Test
    void finalTranscriptGetsTheNextTurnWhileNoiseAndPartialsAreIgnored() {
        String call = Calls.newCallSid();
        callEvent(Calls.inbound(call, route));
        lastSegmentOf(call, 1);

        speech(Calls.partial(call, "book an"));
        speech(Calls.said(call, "um"));
        speech(Calls.said(call, "  "));
        speech(Calls.said(call, "Book an appointment."));

        assertThat(turnText(call, 2))
                .isEqualTo(
                        "Sure. Which day would you like to come in? You can say a day of the week, today, or tomorrow.");
        speech(Calls.said(call, "tomorrow"));
        assertThat(turnText(call, 3))
                .isEqualTo("So that's an appointment with Doctor Mehta for tomorrow. Shall I book it?");
    }

    @Test
    void speakingOverAnUnplayedTurnCancelsItAndClearsTheAudio() {
        String call = Calls.newCallSid();
        callEvent(Calls.inbound(call, route));
        lastSegmentOf(call, 1);

        speech(Calls.speechStarted(call));

        assertThat(probe.awaitEvent(Topics.BOT_SEGMENTS, call, TurnCancelled.class, e -> true, WAIT)
                        .turn())
                .isEqualTo(1);
        assertThat(probe.awaitEvent(route, call, ClearAudio.class, e -> true, WAIT)
                        .turn())
                .isEqualTo(1);
        speech(Calls.said(call, "opening hours"));
        assertThat(turnText(call, 2)).startsWith("We're open Monday to Saturday");
        ConversationState state = ConversationState.decode(probe.await(
                        Topics.CONVERSATION_STATE,
                        call,
                        r -> r.value() != null
                                && ConversationState.decode(r.value()).turn() == 2,
                        WAIT)
                .value());
        assertThat(state.history().getFirst().text())
                .as("the greeting was cut off at once: the caller heard none of it")
                .isEqualTo("opening hours");
    }

    @Test
    void markedTurnIsNotCancelledBySpeech() throws InterruptedException {
        String call = Calls.newCallSid();
        callEvent(Calls.inbound(call, route));
        lastSegmentOf(call, 1);
        callEvent(Calls.played(call, 1));

        speech(Calls.speechStarted(call));
        speech(Calls.said(call, "opening hours"));

        assertThat(turnText(call, 2)).startsWith("We're open");
        assertThat(probe.events(Topics.BOT_SEGMENTS, call, TurnCancelled.class)).isEmpty();
    }

    @Test
    void goodbyeEndsTheCallAfterPlaybackAndTheEndForgetsTheState() {
        String call = Calls.newCallSid();
        callEvent(Calls.inbound(call, route));
        lastSegmentOf(call, 1);

        speech(Calls.said(call, "goodbye"));

        assertThat(turnText(call, 2)).isEqualTo("Thank you for calling Sunrise Family Clinic. Take care, goodbye.");
        EndCall end = probe.awaitEvent(route, call, EndCall.class, e -> true, WAIT);
        assertThat(end.afterPlayback()).isTrue();
        assertThat(end.reason()).isEqualTo("goodbye");

        callEvent(new CallEnded(call, CallEnded.Reason.BOT_ENDED, "", System.currentTimeMillis()));
        probe.await(Topics.CONVERSATION_STATE, call, r -> r.value() == null, WAIT);
    }

    @Test
    void askingForAPersonTransfers() {
        String call = Calls.newCallSid();
        callEvent(Calls.inbound(call, route));
        lastSegmentOf(call, 1);

        speech(Calls.said(call, "Can I speak to someone please"));

        assertThat(turnText(call, 2)).startsWith("Of course. Please hold");
        assertThat(probe.awaitEvent(route, call, EndCall.class, e -> true, WAIT).reason())
                .isEqualTo("transfer");
    }

    @Test
    void silentCallerIsRepromptedThenTheCallEnds() {
        String call = Calls.newCallSid();
        callEvent(Calls.inbound(call, route));
        lastSegmentOf(call, 1);
        callEvent(Calls.played(call, 1));

        assertThat(turnText(call, 2)).startsWith("Are you still there?");
        callEvent(Calls.played(call, 2));

        assertThat(turnText(call, 3))
                .isEqualTo("I'll let you go now. Please call Sunrise Family Clinic again any time. Goodbye.");
        assertThat(probe.awaitEvent(route, call, EndCall.class, e -> true, WAIT).afterPlayback())
                .isTrue();
    }

    @Test
    void keypadDigitsAreInput() {
        String call = Calls.newCallSid();
        callEvent(Calls.inbound(call, route));
        lastSegmentOf(call, 1);

        callEvent(new DtmfReceived(call, "4", 120, System.currentTimeMillis()));

        assertThat(turnText(call, 2)).startsWith("We're open Monday to Saturday");
    }

    @Test
    void transcriptOfAnUnknownCallStartsFromWhatItTells() {
        String call = Calls.newCallSid();

        speech(Calls.said(call, "what are your opening hours"));

        BotSegment last = lastSegmentOf(call, 1);
        assertThat(last.text()).contains("Is there anything else");
        assertThat(last.sampleRate()).isEqualTo(8000);
        assertThat(probe.of(Topics.BOT_SEGMENTS, call)).allMatch(r -> route.equals(r.route()));
    }

    @Test
    void undecodableRecordIsDeadLetteredAndTheNextOneHandled() {
        String call = Calls.newCallSid();

        WorkerApp.sendRaw(
                producer, new ProducerRecord<>(Topics.SPEECH, call, "{not json".getBytes(StandardCharsets.UTF_8)));
        speech(Calls.said(call, "opening hours"));

        probe.await(Topics.DEAD_LETTERS, call, r -> true, WAIT);
        assertThat(lastSegmentOf(call, 1).text()).contains("Is there anything else");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void callContinuesOnTheOtherWorkerWhenItsWorkerGoes() {
        Set<Integer> first = WorkerApp.ownedPartitions(worker);
        String call = callOnPartitionOf(first);
        callEvent(Calls.inbound(call, route));
        lastSegmentOf(call, 1);
        callEvent(Calls.played(call, 1));
        speech(Calls.said(call, "book an appointment"));
        assertThat(turnText(call, 2)).startsWith("Sure. Which day");

        worker.close();
        WorkerApp.awaitAssignment(otherWorker, WorkerApp.PARTITIONS * 2);
        speech(Calls.said(call, "tomorrow"));

        assertThat(turnText(call, 3))
                .as("the other worker continued the same conversation")
                .isEqualTo("So that's an appointment with Doctor Mehta for tomorrow. Shall I book it?");
        speech(Calls.said(call, "yes please"));
        assertThat(turnText(call, 4)).startsWith("Done. You're booked with Doctor Mehta for tomorrow.");
    }

    /** A call sid the default partitioner puts on one of these partitions. */
    private static String callOnPartitionOf(Set<Integer> partitions) {
        while (true) {
            String call = Calls.newCallSid();
            int partition =
                    Utils.toPositive(Utils.murmur2(call.getBytes(StandardCharsets.UTF_8))) % WorkerApp.PARTITIONS;
            if (partitions.contains(partition)) {
                return call;
            }
        }
    }
}
