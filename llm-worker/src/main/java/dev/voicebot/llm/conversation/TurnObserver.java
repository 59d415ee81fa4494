package dev.voicebot.llm.conversation;

import java.time.Duration;

/** Hears how fast the worker answers: the time from handling a caller's input to its reply's first segment. */
public interface TurnObserver {

    TurnObserver NONE = sinceInput -> {};

    /** The first segment of a reply left; {@code sinceInput} runs from when the worker took the input. */
    void firstSegment(Duration sinceInput);
}
