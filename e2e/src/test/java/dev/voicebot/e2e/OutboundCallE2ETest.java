package dev.voicebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.event.BotSegment;
import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.CallStatusChanged;
import dev.voicebot.common.event.EventCodec;
import dev.voicebot.common.event.OutboundCallPlaced;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.kafka.Topics;
import dev.voicebot.common.script.AgentScript;
import dev.voicebot.common.script.TemplateValues;
import dev.voicebot.simulator.CallReport;
import dev.voicebot.simulator.CloseInfo;
import dev.voicebot.simulator.SimulatedCall;
import dev.voicebot.simulator.TimelineEvent;
import dev.voicebot.simulator.connect.CalleeScript;
import dev.voicebot.simulator.connect.ConnectMode;
import dev.voicebot.simulator.connect.StandInCall;
import dev.voicebot.simulator.demo.PipelineRecorder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

/**
 * Outbound calls end to end, one per Connect mode: a client asks the dialer (its own JVM) for a call, the dialer
 * places it with Exotel's Connect API (the in-test {@link dev.voicebot.simulator.connect.ExotelApiStandIn}), Exotel
 * rings the callee and opens the Voicebot socket to the gateway, the callee answers the bot, the bot ends the call,
 * and Exotel's status callbacks reach the dialer and Kafka. The three calls run at the same time.
 */
@ExtendWith(PipelineExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class OutboundCallE2ETest {

    private static final List<String> TOPICS = List.of(Topics.CALL_EVENTS, Topics.SPEECH, Topics.BOT_SEGMENTS);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CALL_WITHIN = Duration.ofSeconds(120);
    private static final Duration EVENTS_WITHIN = Duration.ofSeconds(15);

    /** The callee answers, hears the bot's opening, and says goodbye; the bot then ends the call. */
    private static final String ANSWER = "yes please";

    private static final String GOODBYE = "thank you goodbye";

    /** How long the callee waits for a greeting before speaking: the outbound bot waits for the callee. */
    private static final Duration CALLEE_WAITS = Duration.ofSeconds(6);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void voiceAiModeOpensTheGatewaySocketDirectly(E2ePipeline pipeline) throws Exception {
        String number = "+919800000011";
        String body =
                "{\"phone_number\":\"" + number + "\",\"mode\":\"voice-ai\",\"variables\":{\"caller_name\":\"Asha\"}}";
        runsEndToEnd(
                pipeline, number, ConnectMode.VOICE_AI, "voice-ai", "Asha", () -> post(pipeline, "/calls", body, 201));
    }

    @Test
    void flowModeConnectsTheCalleeToTheVoicebotFlow(E2ePipeline pipeline) throws Exception {
        String number = "+919800000012";
        String body =
                "{\"phone_number\":\"" + number + "\",\"mode\":\"flow\",\"variables\":{\"caller_name\":\"Ravi\"}}";
        runsEndToEnd(pipeline, number, ConnectMode.FLOW, "flow", "Ravi", () -> post(pipeline, "/calls", body, 201));
    }

    @Test
    void twoNumbersModeFromTheSeedsStartApi(E2ePipeline pipeline) throws Exception {
        String number = "+919800000013";
        String body = "{\"dialout_settings\":{\"phone_number\":\"" + number + "\"}}";
        runsEndToEnd(
                pipeline,
                number,
                ConnectMode.TWO_NUMBERS,
                "two-numbers",
                null,
                () -> post(pipeline, "/start", body, 200));
    }

    /** Asks the dialer for a call; returns its answer. */
    private static JsonNode post(E2ePipeline pipeline, String path, String body, int status)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(pipeline.dialerUrl() + path))
                        .header("Authorization", "Bearer " + pipeline.dialerApiKey())
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("POST %s answered %s", path, response.body())
                .isEqualTo(status);
        JsonNode json = EventCodec.mapper().readTree(response.body());
        assertThat(json.path("status").asString()).as("status in %s", json).isEqualTo("call_initiated");
        assertThat(json.path("call_sid").asString()).as("call_sid in %s", json).isNotBlank();
        return json;
    }

    /** How a test asks the dialer for its call. */
    private interface Placement {
        JsonNode place() throws IOException, InterruptedException;
    }

    private static void runsEndToEnd(
            E2ePipeline pipeline,
            String number,
            ConnectMode mode,
            String modeName,
            String callerName,
            Placement placement)
            throws Exception {
        pipeline.exotel()
                .callees()
                .script(
                        number,
                        CalleeScript.saying(ANSWER, GOODBYE)
                                .untilBotHangsUp()
                                .withTiming(CALLEE_WAITS, Duration.ofMillis(1500), Duration.ofSeconds(45)));
        SoftAssertions softly = new SoftAssertions();
        try (PipelineRecorder recorder = PipelineRecorder.start(pipeline.bootstrapServers(), TOPICS, KAFKA_TIMEOUT)) {
            JsonNode response = placement.place();
            softly.assertThat(response.path("phone_number").asString()).isEqualTo(number);
            String sid = response.path("call_sid").asString();
            StandInCall call = pipeline.exotel()
                    .call(sid)
                    .orElseThrow(() -> new AssertionError("Exotel's stand-in has no call " + sid));
            softly.assertThat(call.mode()).isEqualTo(mode);
            softly.assertThat(call.awaitEnd(CALL_WITHIN)).as("the call ended").isTrue();
            softly.assertThat(call.awaitCallbacks(EVENTS_WITHIN))
                    .as("status callbacks sent")
                    .isTrue();
            SimulatedCall socket =
                    call.socket().orElseThrow(() -> new AssertionError("Exotel never opened the bot's socket"));
            System.out.println("outbound " + modeName + " call " + sid + ":\n" + CallReport.render(socket));

            softly.assertThat(socket.identity().callSid())
                    .as("call_sid on the socket")
                    .isEqualTo(sid);
            // a flow call's callback has no EventType: Exotel applies StatusCallbackEvents to other calls only
            softly.assertThat(recorder.await(
                            sid,
                            e -> e instanceof CallStatusChanged s && "completed".equals(s.status()),
                            EVENTS_WITHIN))
                    .as("the final status callback reached Kafka")
                    .isTrue();
            softly.assertThat(recorder.await(sid, CallEnded.class::isInstance, EVENTS_WITHIN))
                    .as("call.ended")
                    .isTrue();
            List<PipelineRecorder.Recorded> events = recorder.events(sid);

            assertPlaced(softly, pipeline, events, sid, number, modeName);
            assertConversation(softly, socket, events, callerName);
            assertEndedByBot(softly, socket, events, call);
        }
        softly.assertAll();
    }

    /** The dialer published the placed call. */
    private static void assertPlaced(
            SoftAssertions softly,
            E2ePipeline pipeline,
            List<PipelineRecorder.Recorded> events,
            String sid,
            String number,
            String mode) {
        softly.assertThat(pipeline.exotel().requests())
                .as("the dialer's Connect request for %s", sid)
                .filteredOn(r -> r.callSid().equals(Optional.of(sid)))
                .singleElement()
                .satisfies(r -> {
                    softly.assertThat(r.isConnect()).isTrue();
                    softly.assertThat(r.authenticated())
                            .as("Basic credentials accepted")
                            .isTrue();
                });
        softly.assertThat(of(events, OutboundCallPlaced.class))
                .as("call.outbound-placed of %s", sid)
                .singleElement()
                .satisfies(p -> {
                    softly.assertThat(p.mode()).isEqualTo(mode);
                    softly.assertThat(p.phoneNumber()).isEqualTo(number);
                });
        List<CallStarted> started = of(events, CallStarted.class);
        softly.assertThat(started).as("call.started of %s", sid).hasSize(1);
        softly.assertThat(started.getFirst().direction())
                .as("the gateway's view of the call's direction")
                .isEqualTo(CallDirection.OUTBOUND);
    }

    /**
     * The outbound bot waited for the callee, then opened with the outbound greeting (personalised with the
     * dialer's variables) and answered the goodbye with the script's goodbye.
     */
    private static void assertConversation(
            SoftAssertions softly, SimulatedCall socket, List<PipelineRecorder.Recorded> events, String callerName) {
        List<TimelineEvent> timeline = socket.timeline();
        long firstCallerEnd = timeline.stream()
                .filter(e -> e.kind() == TimelineEvent.Kind.CALLER_SPEECH_END)
                .mapToLong(TimelineEvent::atMillis)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the callee never spoke"));
        long firstBotAudio = timeline.stream()
                .filter(e -> e.kind() == TimelineEvent.Kind.BOT_AUDIO_START)
                .mapToLong(TimelineEvent::atMillis)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bot audio on the socket"));
        softly.assertThat(firstBotAudio)
                .as("the outbound bot speaks only after the callee has (callee stopped at %d ms)", firstCallerEnd)
                .isGreaterThan(firstCallerEnd);

        softly.assertThat(of(events, Transcript.class).stream().filter(Transcript::isFinal))
                .extracting(Transcript::text)
                .as("what the recognizer heard")
                .containsExactly(ANSWER, GOODBYE);

        AgentScript script = AgentScript.demo();
        Map<String, String> values =
                new HashMap<>(TemplateValues.builtIns(null, null, "outbound", ZonedDateTime.now(script.zone())));
        values.putAll(script.variables());
        if (callerName != null) {
            values.put("caller_name", callerName);
        }
        String greeting = script.outboundGreeting().render(values);
        String goodbye = script.intent("goodbye").orElseThrow().reply().render(values);
        softly.assertThat(botTurns(events))
                .as("what the bot said, turn by turn")
                .containsExactly(greeting, goodbye);
    }

    /** The bot closed the socket after its goodbye played; Exotel's callbacks reached the dialer and Kafka. */
    private static void assertEndedByBot(
            SoftAssertions softly, SimulatedCall socket, List<PipelineRecorder.Recorded> events, StandInCall call) {
        CloseInfo close = socket.stats().close().orElseThrow();
        softly.assertThat(close.closedBy())
                .as("who closed the socket (%s)", close)
                .isEqualTo(CloseInfo.ClosedBy.BOT);
        softly.assertThat(of(events, CallEnded.class))
                .extracting(CallEnded::reason)
                .containsExactly(CallEnded.Reason.BOT_ENDED);
        List<TimelineEvent> timeline = socket.timeline();
        long lastCallerEnd = timeline.stream()
                .filter(e -> e.kind() == TimelineEvent.Kind.CALLER_SPEECH_END)
                .mapToLong(TimelineEvent::atMillis)
                .max()
                .orElseThrow();
        softly.assertThat(timeline)
                .as("the goodbye's audio played to its mark before the close")
                .anyMatch(e -> e.kind() == TimelineEvent.Kind.BOT_TURN_END
                        && e.atMillis() > lastCallerEnd
                        && e.detail().startsWith("mark "));

        softly.assertThat(call.callbacks()).as("status callbacks delivered").isNotEmpty();
        List<CallStatusChanged> statuses = of(events, CallStatusChanged.class);
        softly.assertThat(statuses)
                .as("status callbacks on %s", Topics.CALL_EVENTS)
                .anyMatch(s -> "completed".equals(s.status()));
        if (call.mode() != ConnectMode.FLOW) {
            softly.assertThat(statuses)
                    .as("the answered callback on %s", Topics.CALL_EVENTS)
                    .anyMatch(s -> "answered".equals(s.eventType()));
        }
    }

    /** The text of each bot turn, in turn order. */
    private static List<String> botTurns(List<PipelineRecorder.Recorded> events) {
        Map<Integer, List<BotSegment>> turns = new TreeMap<>();
        of(events, BotSegment.class).forEach(s -> turns.computeIfAbsent(s.turn(), t -> new ArrayList<>())
                .add(s));
        return turns.values().stream()
                .map(segments -> segments.stream()
                        .sorted(Comparator.comparingInt(BotSegment::sequence))
                        .map(s -> s.text().strip())
                        .filter(text -> !text.isEmpty())
                        .collect(Collectors.joining(" ")))
                .toList();
    }

    private static <T> List<T> of(List<PipelineRecorder.Recorded> events, Class<T> type) {
        return events.stream()
                .map(PipelineRecorder.Recorded::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }
}
