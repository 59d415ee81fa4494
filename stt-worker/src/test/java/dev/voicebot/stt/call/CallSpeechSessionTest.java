package dev.voicebot.stt.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.common.audio.Pcm16;
import dev.voicebot.common.event.ProviderFailed;
import dev.voicebot.common.event.SpeechEnded;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import dev.voicebot.common.event.VoicebotEvent;
import dev.voicebot.common.kafka.AudioRecord;
import dev.voicebot.common.script.AgentScript;
import dev.voicebot.stt.corpus.Corpus;
import dev.voicebot.stt.grammar.JsgfGrammarBuilder;
import dev.voicebot.stt.grammar.Pronunciations;
import dev.voicebot.stt.grammar.ScriptGrammar;
import dev.voicebot.stt.recognizer.RecognitionException;
import dev.voicebot.stt.recognizer.ScriptedRecognizer;
import dev.voicebot.stt.recognizer.SpeechRecognizer;
import dev.voicebot.stt.recognizer.pocketsphinx.PocketSphinxRecognizer;
import dev.voicebot.stt.recognizer.pocketsphinx.PocketSphinxSettings;
import dev.voicebot.stt.vad.NoiseBursts;
import dev.voicebot.stt.vad.TurnSettings;
import dev.voicebot.stt.vad.VadFactory;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CallSpeechSessionTest {

    private static final int RATE = 8000;
    private static final String ROUTE = "voicebot.gateway.gw-1";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CollectingSink sink = new CollectingSink();
    private final CallSettings settings = CallSettings.defaults();
    private long sequence;

    private CallSpeechSession session(SpeechRecognizer recognizer) {
        return new CallSpeechSession(
                "CA-1", RATE, ROUTE, recognizer, VadFactory.energy(3, 150).create(RATE), sink, settings);
    }

    /** Feeds audio as the gateway would: 100 ms records with rising sequence numbers. */
    private void feed(CallSpeechSession session, byte[] audio) {
        for (int offset = 0; offset < audio.length; offset += 1600) {
            byte[] piece = Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + 1600));
            session.onAudio(new AudioRecord("CA-1", piece, RATE, ++sequence, 0, false, 1_000_000L + sequence, ROUTE));
        }
    }

    /** Feeds audio the partition's previous owner heard (a takeover's replay). */
    private void replay(CallSpeechSession session, byte[] audio) {
        for (int offset = 0; offset < audio.length; offset += 1600) {
            byte[] piece = Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + 1600));
            session.onAudio(
                    new AudioRecord("CA-1", piece, RATE, ++sequence, 0, false, 1_000_000L + sequence, ROUTE), true);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] speech(int millis) {
        return Pcm16.tone(RATE, 220, millis, 0.3);
    }

    @Test
    void aTurnIsPublishedAsSpeechStartedSpeechEndedAndTheFinalTranscriptInCallTime() throws Exception {
        PocketSphinxSettings defaults = PocketSphinxSettings.defaults();
        var grammar = new JsgfGrammarBuilder(Pronunciations.read(defaults.dictionary()))
                .fromGroups(ScriptGrammar.groups(AgentScript.demo()));
        Corpus.Utterance utterance = Corpus.load().getFirst();
        try (var recognizer = new PocketSphinxRecognizer(defaults, grammar)) {
            CallSpeechSession session = session(recognizer);
            feed(session, concat(Pcm16.silence(RATE, 2000), utterance.audio().pcm(), Pcm16.silence(RATE, 1000)));
            session.close(CallSpeechSession.CloseReason.CALL_ENDED);
        }

        assertThat(sink.events()).hasExactlyElementsOfTypes(SpeechStarted.class, SpeechEnded.class, Transcript.class);
        SpeechStarted started = sink.events(SpeechStarted.class).getFirst();
        SpeechEnded ended = sink.events(SpeechEnded.class).getFirst();
        Transcript transcript = sink.events(Transcript.class).getFirst();
        long clipEnd = 2000 + (long) utterance.audio().durationMillis();
        assertThat(started.audioOffsetMs()).isBetween(2000L + 200, 2000L + 500);
        assertThat(ended.audioOffsetMs()).isBetween(clipEnd - 500, clipEnd - 200);
        assertThat(transcript.text()).isEqualTo(utterance.text());
        assertThat(transcript.isFinal()).isTrue();
        assertThat(transcript.startMs()).isBetween(started.audioOffsetMs() - 400, started.audioOffsetMs());
        assertThat(transcript.endMs()).isBetween(ended.audioOffsetMs(), ended.audioOffsetMs() + 600);
        assertThat(sink.published())
                .allSatisfy(published -> assertThat(published.timing().route()).isEqualTo(ROUTE));
        assertThat(sink.published().get(2).timing().turnEndedAtMicros())
                .isEqualTo(sink.published().get(1).timing().turnEndedAtMicros())
                .isPositive();
    }

    @Test
    void speechStartedIsPublishedBeforeTheCallerStopsSpeaking() {
        CallSpeechSession session = session(new ScriptedRecognizer("yes"));
        feed(session, concat(Pcm16.silence(RATE, 500), speech(400)));

        assertThat(sink.events()).hasExactlyElementsOfTypes(SpeechStarted.class);
    }

    @Test
    void speechOnsetIsConfirmedInTheMediaFrameWhereTheMinimumSpeechIsReached() {
        CallSpeechSession session = session(new ScriptedRecognizer("yes"));
        // speech from 580 ms: 100 ms of it are there at 680 ms, inside the record of 600-700 ms
        byte[] audio = concat(Pcm16.silence(RATE, 580), speech(600));
        int recordsFed = 0;
        for (int offset = 0; offset < audio.length && sink.events().isEmpty(); offset += 1600) {
            feed(session, Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + 1600)));
            recordsFed++;
        }

        assertThat(recordsFed).as("records fed until speech.started").isEqualTo(7);
        assertThat(sink.events(SpeechStarted.class).getFirst().audioOffsetMs()).isBetween(560L, 580L);
    }

    @Test
    void aClickABlipShorterThanTheMinimumSpeechAndACoughLikeBurstStartNoTurn() {
        CallSpeechSession session = session(new ScriptedRecognizer("yes"));
        feed(
                session,
                concat(
                        Pcm16.silence(RATE, 500),
                        Pcm16.tone(RATE, 1000, 40, 0.9),
                        Pcm16.silence(RATE, 500),
                        speech(80),
                        Pcm16.silence(RATE, 500),
                        NoiseBursts.cough(RATE, 250, 7),
                        Pcm16.silence(RATE, 800)));
        assertThat(sink.events()).isEmpty();

        feed(session, concat(speech(300), Pcm16.silence(RATE, 800)));
        assertThat(sink.events()).hasExactlyElementsOfTypes(SpeechStarted.class, SpeechEnded.class, Transcript.class);
    }

    @Test
    void theMinimumSpeechIsConfigurable() {
        TurnSettings defaults = TurnSettings.phoneDefaults();
        CallSpeechSession session = new CallSpeechSession(
                "CA-1",
                RATE,
                ROUTE,
                new ScriptedRecognizer("yes"),
                VadFactory.energy(3, 150).create(RATE),
                sink,
                new CallSettings(
                        new TurnSettings(
                                Duration.ofMillis(300),
                                defaults.endOfTurnSilence(),
                                defaults.preRoll(),
                                defaults.maxUtterance()),
                        false,
                        3,
                        Duration.ofSeconds(1)));
        feed(session, concat(Pcm16.silence(RATE, 500), speech(200), Pcm16.silence(RATE, 800)));
        assertThat(sink.events()).isEmpty();

        feed(session, concat(speech(400), Pcm16.silence(RATE, 800)));
        assertThat(sink.events(SpeechStarted.class)).hasSize(1);
    }

    @Test
    void aReplayedTurnThatEndedIsNotPublishedAgainAndLiveAudioIsHandledAsUsual() {
        ScriptedRecognizer recognizer = new ScriptedRecognizer("yes");
        CallSpeechSession session = session(recognizer);

        replay(session, concat(Pcm16.silence(RATE, 500), speech(600), Pcm16.silence(RATE, 800)));
        assertThat(sink.events()).as("the previous owner published that turn").isEmpty();

        feed(session, concat(Pcm16.silence(RATE, 300), speech(600), Pcm16.silence(RATE, 800)));
        assertThat(sink.events()).hasExactlyElementsOfTypes(SpeechStarted.class, SpeechEnded.class, Transcript.class);
    }

    @Test
    void aTurnInProgressWhenTheReplayEndsIsRecognizedFromItsFirstFrameAndAnnouncedOnlyByThePreviousOwner()
            throws Exception {
        PocketSphinxSettings defaults = PocketSphinxSettings.defaults();
        var grammar = new JsgfGrammarBuilder(Pronunciations.read(defaults.dictionary()))
                .fromGroups(ScriptGrammar.groups(AgentScript.demo()));
        Corpus.Utterance utterance = Corpus.load().getFirst();
        byte[] pcm = utterance.audio().pcm();
        int cut = pcm.length / 2 / 1600 * 1600;
        try (var recognizer = new PocketSphinxRecognizer(defaults, grammar)) {
            CallSpeechSession session = session(recognizer);
            replay(session, concat(Pcm16.silence(RATE, 2000), Arrays.copyOf(pcm, cut)));
            feed(session, concat(Arrays.copyOfRange(pcm, cut, pcm.length), Pcm16.silence(RATE, 1000)));
            session.close(CallSpeechSession.CloseReason.CALL_ENDED);
        }

        assertThat(sink.events()).hasExactlyElementsOfTypes(SpeechEnded.class, Transcript.class);
        assertThat(sink.events(Transcript.class).getFirst().text()).isEqualTo(utterance.text());
    }

    @Test
    void aRecognizerFailureIsReportedAndTheNextTurnGetsANewSession() throws Exception {
        ScriptedRecognizer recognizer =
                new ScriptedRecognizer("yes").failingAfter(3200, RecognitionException.Kind.CONNECTION);
        CallSpeechSession session = new CallSpeechSession(
                "CA-1",
                RATE,
                ROUTE,
                recognizer,
                VadFactory.energy(3, 150).create(RATE),
                sink,
                new CallSettings(settings.turns(), false, 3, Duration.ZERO));
        feed(session, concat(Pcm16.silence(RATE, 500), speech(600), Pcm16.silence(RATE, 800)));
        recognizer.failingAfter(Long.MAX_VALUE, RecognitionException.Kind.CONNECTION);
        feed(session, concat(speech(600), Pcm16.silence(RATE, 800)));

        assertThat(sink.events(ProviderFailed.class)).singleElement().satisfies(failed -> assertThat(failed.retryable())
                .isTrue());
        assertThat(sink.events(Transcript.class))
                .extracting(Transcript::text)
                .as("the failed turn is told as empty, the next is recognized")
                .containsExactly("", "yes");
        assertThat(recognizer.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void aPermanentFailureStopsTranscriptionForTheCallButNotItsSpeechEvents() {
        ScriptedRecognizer recognizer =
                new ScriptedRecognizer("yes").failingAfter(0, RecognitionException.Kind.AUTHENTICATION);
        CallSpeechSession session = session(recognizer);
        for (int turn = 0; turn < 3; turn++) {
            feed(session, concat(Pcm16.silence(RATE, 500), speech(600), Pcm16.silence(RATE, 800)));
        }

        assertThat(sink.events(ProviderFailed.class)).singleElement().satisfies(failed -> assertThat(failed.retryable())
                .isFalse());
        assertThat(sink.events(SpeechStarted.class)).hasSize(3);
        assertThat(sink.events(Transcript.class)).extracting(Transcript::text).containsExactly("", "", "");
        assertThat(recognizer.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void afterTooManyRestartsTheCallIsToldTranscriptionGaveUp() {
        ScriptedRecognizer recognizer =
                new ScriptedRecognizer("yes").failingAfter(3200, RecognitionException.Kind.CONNECTION);
        CallSpeechSession session = new CallSpeechSession(
                "CA-1",
                RATE,
                ROUTE,
                recognizer,
                VadFactory.energy(3, 150).create(RATE),
                sink,
                new CallSettings(settings.turns(), false, 1, Duration.ZERO));
        for (int turn = 0; turn < 4; turn++) {
            feed(session, concat(Pcm16.silence(RATE, 500), speech(600), Pcm16.silence(RATE, 800)));
        }

        assertThat(sink.events(ProviderFailed.class))
                .extracting(ProviderFailed::retryable)
                .containsExactly(true, true, false);
        assertThat(recognizer.sessionsOpened()).isEqualTo(2);
        assertThat(sink.events(Transcript.class)).hasSize(4).allSatisfy(t -> assertThat(t.text())
                .isEmpty());
    }

    @Test
    void lostRecordsKeepOffsetsTrueAndLateOnesAreDropped() {
        CallSpeechSession session = session(new ScriptedRecognizer("yes"));
        byte[] silence = Pcm16.silence(RATE, 100);
        session.onAudio(new AudioRecord("CA-1", silence, RATE, 1, 0, false, 0, ROUTE));
        // records 2..10 (900 ms) never arrive
        byte[] audio = concat(speech(600), Pcm16.silence(RATE, 800));
        sequence = 10;
        feed(session, audio);
        session.onAudio(new AudioRecord("CA-1", speech(100), RATE, 3, 0, false, 0, ROUTE));

        SpeechStarted started = sink.events(SpeechStarted.class).getFirst();
        assertThat(started.audioOffsetMs()).as("20 ms frames").isBetween(1000L - 20, 1000L + 20);
        assertThat(sink.events(SpeechStarted.class)).hasSize(1);
    }

    @Test
    void partialsArePublishedOnlyWhenAskedFor() throws Exception {
        PocketSphinxSettings defaults = PocketSphinxSettings.defaults();
        var grammar = new JsgfGrammarBuilder(Pronunciations.read(defaults.dictionary()))
                .fromGroups(ScriptGrammar.groups(AgentScript.demo()));
        byte[] clip = Corpus.load().getFirst().audio().pcm();
        try (var recognizer = new PocketSphinxRecognizer(defaults, grammar)) {
            CallSpeechSession session = new CallSpeechSession(
                    "CA-1",
                    RATE,
                    ROUTE,
                    recognizer,
                    VadFactory.energy(3, 150).create(RATE),
                    sink,
                    new CallSettings(settings.turns(), true, 3, Duration.ofSeconds(1)));
            feed(session, concat(Pcm16.silence(RATE, 500), clip, Pcm16.silence(RATE, 1000)));
        }
        var transcripts = sink.events(Transcript.class);
        assertThat(transcripts.getLast().isFinal()).isTrue();
        assertThat(transcripts.subList(0, transcripts.size() - 1))
                .isNotEmpty()
                .allSatisfy(partial -> assertThat(partial.isFinal()).isFalse());
        VoicebotEvent firstPartial = transcripts.getFirst();
        assertThat(sink.events().indexOf(firstPartial))
                .isLessThan(sink.events().indexOf(sink.events(SpeechEnded.class).getFirst()));
    }
}
