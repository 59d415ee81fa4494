package dev.voicebot.gateway.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.gateway.call.CallAction;
import dev.voicebot.gateway.call.CallSession;
import dev.voicebot.gateway.call.HandshakeParameters;
import dev.voicebot.testsupport.Fuzz;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Random and mutated frames through the codec and a call's session: every frame is read or
 * rejected with a problem and a detail, and nothing throws. The valid fixtures of exotel.md §1.3
 * are the seeds of the mutations. The other way, whatever ids and mark names the bot sends come
 * out as valid JSON that carries them unchanged.
 */
class ExotelCodecFuzzTest {

    private static final int CASES = 20_000;
    private static final List<String> NAMES = List.of(
            "event",
            "stream_sid",
            "streamSid",
            "call_sid",
            "callSid",
            "sequence_number",
            "start",
            "media",
            "payload",
            "chunk",
            "timestamp",
            "media_format",
            "sample_rate",
            "custom_parameters",
            "dtmf",
            "digit",
            "duration",
            "mark",
            "name",
            "stop",
            "reason",
            "from",
            "to",
            "account_sid");
    private static final List<String> EVENTS = List.of("connected", "start", "media", "dtmf", "mark", "stop", "clear");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ExotelCodec codec = new ExotelCodec();
    private final Fuzz fuzz = Fuzz.seeded("ExotelCodecFuzzTest");

    @Test
    void mutatedValidFramesAreReadOrRejectedNeverThrown() {
        List<String> fixtures = validFixtures();
        for (int i = 0; i < CASES; i++) {
            String frame = fuzz.mutate(fuzz.pick(fixtures));
            checkFrame(frame);
        }
    }

    @Test
    void randomJsonWithKnownEventsIsReadOrRejectedNeverThrown() {
        for (int i = 0; i < CASES; i++) {
            String body = fuzz.randomJson(3, NAMES);
            String frame = body.startsWith("{") && body.length() > 2
                    ? "{\"event\":\"" + fuzz.pick(EVENTS) + "\"," + body.substring(1)
                    : body;
            checkFrame(frame);
        }
    }

    @Test
    void randomTextIsRejected() {
        for (int i = 0; i < CASES / 4; i++) {
            String frame = fuzz.randomText(200);
            ExotelInbound parsed = codec.parse(frame);
            if (!(parsed instanceof ExotelInbound.Rejected)) {
                assertThat(frame).as(fuzz.describe(frame)).startsWith("{");
            }
            checkFrame(frame);
        }
    }

    @Test
    void whatTheBotSendsIsValidJsonCarryingExactlyItsValues() {
        for (int i = 0; i < CASES / 4; i++) {
            String streamSid = fuzz.randomText(20);
            String name = fuzz.randomText(20);
            byte[] pcm = new byte[2 * fuzz.random().nextInt(200)];
            fuzz.random().nextBytes(pcm);

            JsonNode media = readJson(codec.media(streamSid, pcm), streamSid);
            assertThat(media.path("event").asString()).isEqualTo("media");
            assertThat(media.path("stream_sid").asString())
                    .as(fuzz.describe(streamSid))
                    .isEqualTo(streamSid);
            assertThat(Base64.getDecoder()
                            .decode(media.path("media").path("payload").asString()))
                    .isEqualTo(pcm);
            JsonNode mark = readJson(codec.mark(streamSid, name), name);
            assertThat(mark.path("mark").path("name").asString())
                    .as(fuzz.describe(name))
                    .isEqualTo(name);
            assertThat(mark.path("stream_sid").asString()).isEqualTo(streamSid);
            JsonNode clear = readJson(codec.clear(streamSid), streamSid);
            assertThat(clear.path("event").asString()).isEqualTo("clear");
            assertThat(clear.path("stream_sid").asString()).isEqualTo(streamSid);
        }
    }

    private JsonNode readJson(String frame, String input) {
        try {
            return JSON.readTree(frame);
        } catch (RuntimeException e) {
            throw new AssertionError("the codec wrote invalid JSON " + frame + " for " + fuzz.describe(input), e);
        }
    }

    /** One frame through the codec and through sessions in each state. */
    private void checkFrame(String frame) {
        ExotelInbound parsed;
        try {
            parsed = codec.parse(frame);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("the codec threw on " + fuzz.describe(frame), e);
        }
        assertThat(parsed).as(fuzz.describe(frame)).isNotNull();
        if (parsed instanceof ExotelInbound.Rejected rejected) {
            assertThat(rejected.problem()).as(fuzz.describe(frame)).isNotNull();
            assertThat(rejected.detail()).as(fuzz.describe(frame)).isNotBlank();
        }
        if (parsed instanceof ExotelInbound.Media media) {
            assertThat(media.pcm()).as(fuzz.describe(frame)).isNotNull();
        }
        for (CallSession session : List.of(freshSession(), startedSession())) {
            List<CallAction> actions;
            try {
                actions = session.onMessage(parsed);
            } catch (RuntimeException e) {
                throw new AssertionError("the session threw on " + fuzz.describe(frame), e);
            }
            for (CallAction action : actions) {
                if (action instanceof CallAction.Drop drop) {
                    assertThat(drop.reason()).as(fuzz.describe(frame)).isNotBlank();
                }
                if (action instanceof CallAction.Close close) {
                    assertThat(close.reason()).as(fuzz.describe(frame)).isNotBlank();
                }
            }
        }
    }

    private static CallSession freshSession() {
        return new CallSession(HandshakeParameters.none(), "voicebot.gateway.fuzz", InstantSource.system());
    }

    private CallSession startedSession() {
        CallSession session = freshSession();
        session.onMessage(codec.parse(fixture("start-raw-8k-strings.json")));
        return session;
    }

    private static List<String> validFixtures() {
        try (Stream<Path> files = Files.list(
                Path.of(ExotelCodecFuzzTest.class.getResource("/exotel").toURI()))) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith("bad-"))
                    .sorted()
                    .map(ExotelCodecFuzzTest::fixture)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fixture(String name) {
        try (InputStream in = ExotelCodecFuzzTest.class.getResourceAsStream("/exotel/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
