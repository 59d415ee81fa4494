package dev.voicebot.llm.it;

import dev.voicebot.common.event.CallDirection;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.event.MarkPlayed;
import dev.voicebot.common.event.SpeechStarted;
import dev.voicebot.common.event.Transcript;
import java.util.Map;
import java.util.UUID;

/** Events of test calls. */
final class Calls {

    private Calls() {}

    static String newCallSid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    static CallStarted inbound(String callSid, String route) {
        return new CallStarted(
                callSid,
                "MZ" + callSid,
                "exotel-test",
                "+919876543210",
                "+918041234567",
                Map.of("clinic_name", "Sunrise Family Clinic"),
                8000,
                CallDirection.INBOUND,
                route,
                System.currentTimeMillis());
    }

    static Transcript said(String callSid, String text) {
        return new Transcript(callSid, text, true, 0.9, 0, 0, System.currentTimeMillis());
    }

    static Transcript partial(String callSid, String text) {
        return new Transcript(callSid, text, false, 0.5, 0, 0, System.currentTimeMillis());
    }

    static SpeechStarted speechStarted(String callSid) {
        return new SpeechStarted(callSid, 0, System.currentTimeMillis());
    }

    static MarkPlayed played(String callSid, int turn) {
        return new MarkPlayed(callSid, "turn-" + turn, turn, System.currentTimeMillis());
    }
}
