package dev.voicebot.dialer.callback;

import java.time.Instant;

/** Told about every new status of a call this dialer placed (the campaign runner listens). */
public interface CallStatusListener {

    void onStatus(StatusCallback callback, Instant at);
}
