package dev.voicebot.stt.recognizer.vosk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskRecognizerTest {

    @Test
    void withoutAModelFolderItRefusesToStartAndSaysWhatToSet() {
        assertThatThrownBy(() -> new VoskRecognizer(null, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VOSK_MODEL_PATH");
    }

    @Test
    void aFolderWithoutAModelIsAClearStartUpError(@TempDir Path empty) {
        assertThatThrownBy(() -> new VoskRecognizer(empty, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not load the model")
                .hasMessageContaining("VOSK_MODEL_PATH");
    }
}
