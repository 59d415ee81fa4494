package dev.voicebot.dialer.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** Reads a raw request body up to a limit, so no client can make the dialer buffer more. */
final class RequestBodies {

    private RequestBodies() {}

    /** @throws BodyTooLargeException past {@code maxBytes}, having read one byte more at most */
    static byte[] read(HttpServletRequest request, int maxBytes) {
        if (request.getContentLengthLong() > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new InvalidRequestException("the request body could not be read: " + e.getMessage());
        }
        if (body.length > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        return body;
    }
}
