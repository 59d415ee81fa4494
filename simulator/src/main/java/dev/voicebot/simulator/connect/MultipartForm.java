package dev.voicebot.simulator.connect;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code multipart/form-data} with text fields only (RFC 7578): what Exotel's status callbacks are sent as by default. */
public final class MultipartForm {

    private static final String CRLF = "\r\n";
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|[^;\\s]+)");
    private static final Pattern FIELD_NAME = Pattern.compile("(?i)[;\\s]name=\"([^\"]*)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private MultipartForm() {}

    /** An encoded body and the {@code Content-Type} header that goes with it. */
    public record Encoded(String contentType, byte[] body) {}

    public static Encoded encode(List<FormData.Field> fields) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String boundary = "----ExotelStandIn" + HexFormat.of().formatHex(random);
        StringBuilder body = new StringBuilder();
        for (FormData.Field field : fields) {
            body.append("--").append(boundary).append(CRLF);
            body.append("Content-Disposition: form-data; name=\"")
                    .append(field.name().replace("\"", "%22"))
                    .append('"')
                    .append(CRLF);
            body.append(CRLF).append(field.value()).append(CRLF);
        }
        body.append("--").append(boundary).append("--").append(CRLF);
        return new Encoded(
                "multipart/form-data; boundary=" + boundary, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the text fields of a {@code multipart/form-data} body.
     *
     * @throws IllegalArgumentException when the content type has no boundary or the body is not multipart
     */
    public static FormData parse(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.strip();
        Matcher boundaryMatch = BOUNDARY.matcher(type);
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !boundaryMatch.find()) {
            throw new IllegalArgumentException("not multipart/form-data with a boundary: " + contentType);
        }
        String boundary = boundaryMatch.group(2) != null ? boundaryMatch.group(2) : boundaryMatch.group(1);
        // ISO-8859-1 maps bytes one to one, so UTF-8 values survive the split and are decoded afterwards
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        if (at < 0) {
            throw new IllegalArgumentException("the body does not contain its boundary");
        }
        List<FormData.Field> fields = new ArrayList<>();
        while (true) {
            int partStart = at + delimiter.length();
            if (text.startsWith("--", partStart)) {
                break;
            }
            int next = text.indexOf(CRLF + delimiter, partStart);
            if (next < 0) {
                throw new IllegalArgumentException("a multipart body part is not terminated");
            }
            fields.add(field(text.substring(partStart, next)));
            at = next + CRLF.length();
        }
        return new FormData(fields);
    }

    private static FormData.Field field(String part) {
        int headersEnd = part.indexOf(CRLF + CRLF);
        if (headersEnd < 0) {
            throw new IllegalArgumentException("a multipart body part has no header block");
        }
        String headers = part.substring(0, headersEnd);
        Matcher name = FIELD_NAME.matcher(headers);
        if (!name.find()) {
            throw new IllegalArgumentException("a multipart body part has no field name");
        }
        String value = part.substring(headersEnd + 2 * CRLF.length());
        return new FormData.Field(utf8(name.group(1)), utf8(value));
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
