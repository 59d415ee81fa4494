package dev.voicebot.simulator.connect;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads a request body as form fields: url-encoded or {@code multipart/form-data}, the two forms Exotel takes. */
final class FormBodies {

    private FormBodies() {}

    /**
     * @throws RestException 400 for a body in another format (JSON, XML …) or a malformed one
     */
    static FormData parse(String contentType, byte[] body) {
        if (body.length == 0) {
            return FormData.empty();
        }
        String type = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
        try {
            if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded")) {
                return FormData.parseUrlEncoded(new String(body, StandardCharsets.UTF_8));
            }
            if (type.startsWith("multipart/form-data")) {
                return MultipartForm.parse(contentType, body);
            }
        } catch (IllegalArgumentException e) {
            throw RestException.invalidParameter("the form body could not be read: " + e.getMessage());
        }
        throw RestException.invalidParameter("the body must be form data (application/x-www-form-urlencoded or "
                + "multipart/form-data), not " + contentType);
    }
}
