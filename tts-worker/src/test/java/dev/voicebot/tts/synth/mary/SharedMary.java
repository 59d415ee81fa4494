package dev.voicebot.tts.synth.mary;

import java.nio.file.Path;

/** The one MaryTTS engine of the test JVM (Mary is a process-wide singleton taking seconds to start). */
public final class SharedMary {

    private SharedMary() {}

    public static MaryEngine engine() {
        return MaryEngine.start(Path.of("target", "marytts"));
    }
}
