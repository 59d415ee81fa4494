package dev.voicebot.simulator.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.MultipartBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class FormBodiesTest {

    @Test
    void readsListParametersInEveryNotationClientsUse() {
        FormData form = FormData.parseUrlEncoded(
                "From=%2B919876543210&StatusCallbackEvents=terminal&StatusCallbackEvents%5B%5D=answered"
                        + "&StatusCallbackEvents[1]=ringing&Empty=");
        assertThat(form.first("From")).hasValue("+919876543210");
        assertThat(form.all("StatusCallbackEvents")).containsExactly("terminal", "answered", "ringing");
        assertThat(form.first("Empty")).isEmpty();
        assertThat(form.asMap()).containsKeys("StatusCallbackEvents", "StatusCallbackEvents[]");
    }

    @Test
    void readsAMultipartBodyWrittenByAnotherLibrary() throws Exception {
        MultipartBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("From", "+919876543210")
                .addFormDataPart("CustomField", "नमस्ते; a=\"b\"\r\nnext line")
                .build();
        Buffer buffer = new Buffer();
        body.writeTo(buffer);

        FormData form = FormBodies.parse(body.contentType().toString(), buffer.readByteArray());

        assertThat(form.first("From")).hasValue("+919876543210");
        assertThat(form.fields().get(1).value()).isEqualTo("नमस्ते; a=\"b\"\r\nnext line");
    }

    @Test
    void writesMultipartItCanReadBack() {
        List<FormData.Field> fields =
                List.of(new FormData.Field("Legs[0][Status]", "completed"), new FormData.Field("RecordingUrl", ""));
        MultipartForm.Encoded encoded = MultipartForm.encode(fields);
        assertThat(MultipartForm.parse(encoded.contentType(), encoded.body()).fields())
                .isEqualTo(fields);
    }

    @Test
    void refusesBodiesThatAreNotForms() {
        assertThatThrownBy(() -> FormBodies.parse("application/json", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RestException.class)
                .hasMessageContaining("form data");
        assertThatThrownBy(() -> FormBodies.parse("multipart/form-data", "x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RestException.class)
                .hasMessageContaining("boundary");
        assertThat(FormBodies.parse(null, new byte[0]).fields()).isEmpty();
    }
}
