package dev.voicebot.tts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Text to speech per reply segment, routed back to the gateway holding the call. */
@SpringBootApplication
public class TtsWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TtsWorkerApplication.class, args);
    }
}
