package dev.voicebot.gateway.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.gateway.exotel.ExotelInbound.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every message of exotel.md §1.3 in each documented spelling, from recorded fixtures. */
class ExotelCodecTest {

    private static final byte[] FIXTURE_PCM = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    private final ExotelCodec codec = new ExotelCodec();

    private ExotelInbound parse(String fixture) {
        try (InputStream in = getClass().getResourceAsStream("/exotel/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return codec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class Connected {

        @Test
        void plain() {
            assertThat(parse("connected.json")).isInstanceOf(ExotelInbound.Connected.class);
        }

        @Test
        void withUndocumentedProtocolAndVersion() {
            assertThat(parse("connected-with-protocol.json")).isInstanceOf(ExotelInbound.Connected.class);
        }
    }

    @Nested
    class Start {

        @Test
        void snakeCaseWithStringMediaFormatAndRawEncoding() {
            var start = (ExotelInbound.Start) parse("start-raw-8k-strings.json");
            assertThat(start.sequenceNumber()).isEqualTo(1);
            assertThat(start.streamSid()).isEqualTo("stream-1");
            assertThat(start.callSid()).isEqualTo("call-1");
            assertThat(start.accountSid()).isEqualTo("acct-1");
            assertThat(start.from()).isEqualTo("+919876543210");
            assertThat(start.to()).isEqualTo("+918044556677");
            assertThat(start.customParameters())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("campaign", "spring", "lang", "hi"));
            assertThat(start.mediaFormat()).isEqualTo(new ExotelInbound.MediaFormat("raw", 8000, 128));
        }

        @Test
        void audioXRawAt16kWithBitRate16AndStringSequence() {
            var start = (ExotelInbound.Start) parse("start-audio-x-raw-16k.json");
            assertThat(start.sequenceNumber()).isEqualTo(1);
            assertThat(start.callSid()).isEqualTo("call-2");
            assertThat(start.customParameters()).isEmpty();
            assertThat(start.mediaFormat()).isEqualTo(new ExotelInbound.MediaFormat("audio/x-raw", 16000, 16));
        }

        @Test
        void camelCaseKeysAndNumericMediaFormat() {
            var start = (ExotelInbound.Start) parse("start-camelcase.json");
            assertThat(start.streamSid()).isEqualTo("stream-3");
            assertThat(start.callSid()).isEqualTo("call-3");
            assertThat(start.accountSid()).isEqualTo("acct-3");
            assertThat(start.customParameters())
                    .containsEntry("direction", "outbound")
                    .containsEntry("attempt", "2");
            assertThat(start.mediaFormat()).isEqualTo(new ExotelInbound.MediaFormat("raw", 24000, 128));
        }

        @Test
        void idsAtTheTopLevel() {
            var start = (ExotelInbound.Start) parse("start-top-level-ids.json");
            assertThat(start.streamSid()).isEqualTo("stream-4");
            assertThat(start.callSid()).isEqualTo("call-4");
            assertThat(start.accountSid()).isEqualTo("acct-4");
            assertThat(start.from()).isEqualTo("+913333333333");
        }

        @Test
        void customParametersAsKeyValueString() {
            var start = (ExotelInbound.Start) parse("start-custom-parameters-string.json");
            assertThat(start.customParameters())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("campaign", "spring", "lang", "hi"));
        }

        @Test
        void customParametersAsJsonString() {
            var start = (ExotelInbound.Start) parse("start-custom-parameters-json-string.json");
            assertThat(start.customParameters()).containsExactly(Map.entry("campaign", "spring"));
        }

        @Test
        void withoutMediaFormatOrCustomParameters() {
            var start = (ExotelInbound.Start) parse("start-minimal.json");
            assertThat(start.callSid()).isEqualTo("call-7");
            assertThat(start.mediaFormat()).isNull();
            assertThat(start.customParameters()).isEmpty();
        }

        @Test
        void unitSuffixesAreStripped() {
            var start = (ExotelInbound.Start) parse("start-unit-suffixes.json");
            assertThat(start.mediaFormat()).isEqualTo(new ExotelInbound.MediaFormat("raw", 24000, 128));
        }

        @Test
        void unreadableSampleRateIsRejected() {
            var rejected = (ExotelInbound.Rejected) parse("bad-start-sample-rate.json");
            assertThat(rejected.problem()).isEqualTo(Problem.INVALID_NUMBER);
            assertThat(rejected.event()).isEqualTo("start");
            assertThat(rejected.detail()).contains("sample_rate");
        }
    }

    @Nested
    class Media {

        @Test
        void numbersWithStringTimestamp() {
            var media = (ExotelInbound.Media) parse("media-numbers.json");
            assertThat(media.sequenceNumber()).isEqualTo(3);
            assertThat(media.streamSid()).isEqualTo("stream-1");
            assertThat(media.chunk()).isEqualTo(2);
            assertThat(media.timestampMs()).isEqualTo(10);
            assertThat(media.pcm()).containsExactly(FIXTURE_PCM);
        }

        @Test
        void allStrings() {
            var media = (ExotelInbound.Media) parse("media-strings.json");
            assertThat(media.sequenceNumber()).isEqualTo(4);
            assertThat(media.chunk()).isEqualTo(3);
            assertThat(media.timestampMs()).isEqualTo(110);
            assertThat(media.pcm()).containsExactly(FIXTURE_PCM);
        }

        @Test
        void camelCase() {
            var media = (ExotelInbound.Media) parse("media-camelcase.json");
            assertThat(media.sequenceNumber()).isEqualTo(5);
            assertThat(media.streamSid()).isEqualTo("stream-3");
            assertThat(media.timestampMs()).isEqualTo(210);
        }

        @Test
        void onlyAPayload() {
            var media = (ExotelInbound.Media) parse("media-minimal.json");
            assertThat(media.sequenceNumber()).isEqualTo(-1);
            assertThat(media.chunk()).isEqualTo(-1);
            assertThat(media.timestampMs()).isEqualTo(-1);
            assertThat(media.pcm()).containsExactly(FIXTURE_PCM);
        }

        @Test
        void invalidBase64() {
            assertThat(rejection("bad-media-invalid-base64.json")).isEqualTo(Problem.INVALID_BASE64);
        }

        @Test
        void missingPayload() {
            assertThat(rejection("bad-media-missing-payload.json")).isEqualTo(Problem.MISSING_FIELD);
        }

        @Test
        void payloadOutsideTheMediaObject() {
            assertThat(rejection("bad-media-without-object.json")).isEqualTo(Problem.MISSING_FIELD);
        }

        @Test
        void nonNumericSequenceNumber() {
            assertThat(rejection("bad-media-sequence-number.json")).isEqualTo(Problem.INVALID_NUMBER);
        }
    }

    @Nested
    class Dtmf {

        @Test
        void digitWithStringDuration() {
            var dtmf = (ExotelInbound.Dtmf) parse("dtmf.json");
            assertThat(dtmf.digit()).isEqualTo("5");
            assertThat(dtmf.durationMs()).isEqualTo(100);
            assertThat(dtmf.sequenceNumber()).isEqualTo(7);
        }

        @Test
        void starAndHash() {
            assertThat(((ExotelInbound.Dtmf) parse("dtmf-star.json")).digit()).isEqualTo("*");
            var hash = (ExotelInbound.Dtmf) parse("dtmf-hash-number-duration.json");
            assertThat(hash.digit()).isEqualTo("#");
            assertThat(hash.durationMs()).isEqualTo(80);
        }

        @Test
        void numericDigitWithoutDuration() {
            var dtmf = (ExotelInbound.Dtmf) parse("dtmf-numeric-digit.json");
            assertThat(dtmf.digit()).isEqualTo("9");
            assertThat(dtmf.durationMs()).isEqualTo(-1);
        }

        @Test
        void digitOutsideTheKeypad() {
            assertThat(rejection("bad-dtmf-digit.json")).isEqualTo(Problem.INVALID_DTMF_DIGIT);
        }

        @Test
        void missingDigit() {
            assertThat(rejection("bad-dtmf-missing-digit.json")).isEqualTo(Problem.MISSING_FIELD);
        }
    }

    @Nested
    class MarkAndStop {

        @Test
        void markEcho() {
            var mark = (ExotelInbound.Mark) parse("mark.json");
            assertThat(mark.name()).isEqualTo("turn-3");
            assertThat(mark.sequenceNumber()).isEqualTo(15);
        }

        @Test
        void markWithoutName() {
            assertThat(rejection("bad-mark-without-name.json")).isEqualTo(Problem.MISSING_FIELD);
        }

        @Test
        void callerHungUp() {
            var stop = (ExotelInbound.Stop) parse("stop-callended.json");
            assertThat(stop.callSid()).isEqualTo("call-1");
            assertThat(stop.accountSid()).isEqualTo("acct-1");
            assertThat(stop.callerHungUp()).isTrue();
        }

        @Test
        void appletStopped() {
            var stop = (ExotelInbound.Stop) parse("stop-stopped.json");
            assertThat(stop.reason()).isEqualTo("stopped");
            assertThat(stop.callerHungUp()).isFalse();
            assertThat(stop.sequenceNumber()).isEqualTo(21);
        }

        @Test
        void camelCaseStop() {
            var stop = (ExotelInbound.Stop) parse("stop-camelcase.json");
            assertThat(stop.callSid()).isEqualTo("call-3");
            assertThat(stop.streamSid()).isEqualTo("stream-3");
            assertThat(stop.callerHungUp()).isTrue();
        }

        @Test
        void stopWithoutReason() {
            var stop = (ExotelInbound.Stop) parse("stop-without-reason.json");
            assertThat(stop.reason()).isNull();
            assertThat(stop.callerHungUp()).isFalse();
        }
    }

    @Nested
    class Malformed {

        @Test
        void notJson() {
            assertThat(rejection("bad-not-json.txt")).isEqualTo(Problem.MALFORMED_JSON);
        }

        @Test
        void truncatedJson() {
            assertThat(rejection("bad-truncated.json")).isEqualTo(Problem.MALFORMED_JSON);
        }

        @Test
        void arrayInsteadOfObject() {
            assertThat(rejection("bad-array.json")).isEqualTo(Problem.NOT_AN_OBJECT);
        }

        @Test
        void missingEvent() {
            assertThat(rejection("bad-missing-event.json")).isEqualTo(Problem.MISSING_EVENT);
        }

        @Test
        void unknownEventKeepsItsName() {
            var rejected = (ExotelInbound.Rejected) parse("bad-unknown-event.json");
            assertThat(rejected.problem()).isEqualTo(Problem.UNKNOWN_EVENT);
            assertThat(rejected.event()).isEqualTo("clear");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {"''", "'   '", "null", "42", "'\"media\"'"})
        void emptyOrScalarFrames(String frame) {
            assertThat(codec.parse(frame)).isInstanceOf(ExotelInbound.Rejected.class);
        }
    }

    @Nested
    class Rendering {

        private final JsonMapper json = JsonMapper.builder().build();

        @Test
        void mediaCarriesStreamSidAndOnlyThePayload() {
            byte[] pcm = new byte[3200];
            pcm[0] = 7;
            JsonNode media = json.readTree(codec.media("stream-1", pcm));
            assertThat(media.propertyNames()).containsExactlyInAnyOrder("event", "stream_sid", "media");
            assertThat(media.get("event").asString()).isEqualTo("media");
            assertThat(media.get("stream_sid").asString()).isEqualTo("stream-1");
            assertThat(media.get("media").propertyNames()).containsExactly("payload");
            assertThat(Base64.getDecoder()
                            .decode(media.get("media").get("payload").asString()))
                    .containsExactly(pcm);
        }

        @Test
        void mediaWithChunkInformation() {
            JsonNode media = json.readTree(codec.media("stream-1", new byte[320], 3, 400));
            assertThat(media.get("media").get("chunk").asInt()).isEqualTo(3);
            assertThat(media.get("media").get("timestamp").asString()).isEqualTo("400");
            assertThat(media.get("media").get("payload").asString()).isNotEmpty();
        }

        @Test
        void markAndClear() {
            JsonNode mark = json.readTree(codec.mark("stream-1", "turn-7"));
            assertThat(mark.get("event").asString()).isEqualTo("mark");
            assertThat(mark.get("stream_sid").asString()).isEqualTo("stream-1");
            assertThat(mark.get("mark").get("name").asString()).isEqualTo("turn-7");
            JsonNode clear = json.readTree(codec.clear("stream-1"));
            assertThat(clear.propertyNames()).containsExactlyInAnyOrder("event", "stream_sid");
            assertThat(clear.get("event").asString()).isEqualTo("clear");
        }

        @Test
        void idsAreEscaped() {
            JsonNode mark = json.readTree(codec.mark("s\"1", "a\\b"));
            assertThat(mark.get("stream_sid").asString()).isEqualTo("s\"1");
            assertThat(mark.get("mark").get("name").asString()).isEqualTo("a\\b");
        }

        @Test
        void renderedMessagesParseBack() {
            var media = (ExotelInbound.Media) codec.parse(codec.media("stream-1", FIXTURE_PCM));
            assertThat(media.pcm()).containsExactly(FIXTURE_PCM);
            var mark = (ExotelInbound.Mark) codec.parse(codec.mark("stream-1", "turn-2"));
            assertThat(mark.name()).isEqualTo("turn-2");
        }
    }

    private Problem rejection(String fixture) {
        ExotelInbound parsed = parse(fixture);
        assertThat(parsed).as(fixture).isInstanceOf(ExotelInbound.Rejected.class);
        return ((ExotelInbound.Rejected) parsed).problem();
    }
}
