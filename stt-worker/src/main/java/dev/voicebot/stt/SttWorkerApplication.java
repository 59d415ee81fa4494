package dev.voicebot.stt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Speech to text per call: inbound audio in, speech events and transcripts out. */
@SpringBootApplication
public class SttWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SttWorkerApplication.class, args);
    }
}
