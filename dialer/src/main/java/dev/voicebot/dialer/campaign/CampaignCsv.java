package dev.voicebot.dialer.campaign;

import dev.voicebot.dialer.phone.InvalidPhoneNumberException;
import dev.voicebot.dialer.phone.PhoneNumbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a campaign CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes; comma,
 * or semicolon when the header has no comma). The header names a number column ({@code
 * phone_number}, {@code phone}, {@code number}, {@code mobile}, {@code msisdn} or {@code to}); every
 * other column is a variable for the bot. A bad row becomes a row error and the rest still count.
 */
public final class CampaignCsv {

    private static final Set<String> NUMBER_COLUMNS =
            Set.of("phone_number", "phone", "number", "mobile", "msisdn", "to");
    private static final int MAX_VARIABLE_LENGTH = 1000;

    private CampaignCsv() {}

    /** A row to dial, or a row error; {@code line} is the CSV line the row starts on (header = 1). */
    public record Row(int line, String phoneNumber, Map<String, String> variables, String error) {

        public boolean valid() {
            return error == null;
        }
    }

    /**
     * @throws IllegalArgumentException when the CSV as a whole is unusable (no header, no number
     *     column, repeated column names, too many rows)
     */
    public static List<Row> parse(String text, int maxRows) {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Record> records = records(content, delimiterOf(content));
        if (records.isEmpty()) {
            throw new IllegalArgumentException("the CSV is empty: it needs a header row with a phone_number column");
        }
        List<String> header =
                records.getFirst().fields().stream().map(String::strip).toList();
        int numberColumn = numberColumn(header);
        checkHeader(header);
        if (records.size() - 1 > maxRows) {
            throw new IllegalArgumentException(
                    "the CSV has " + (records.size() - 1) + " rows; a campaign takes at most " + maxRows);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> lineByNumber = new HashMap<>();
        for (Record record : records.subList(1, records.size())) {
            rows.add(row(record, header, numberColumn, lineByNumber));
        }
        return rows;
    }

    private static Row row(Record record, List<String> header, int numberColumn, Map<String, Integer> lineByNumber) {
        List<String> fields = record.fields();
        String raw = fields.size() > numberColumn ? fields.get(numberColumn).strip() : "";
        if (fields.size() != header.size()) {
            return new Row(
                    record.line(),
                    raw,
                    Map.of(),
                    "has " + fields.size() + " fields but the header has " + header.size());
        }
        String number;
        try {
            number = PhoneNumbers.toE164(raw);
        } catch (InvalidPhoneNumberException e) {
            return new Row(record.line(), raw, Map.of(), e.getMessage());
        }
        Integer earlier = lineByNumber.putIfAbsent(number, record.line());
        if (earlier != null) {
            return new Row(
                    record.line(),
                    raw,
                    Map.of(),
                    "repeats the number on line " + earlier + "; each number is called once");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (i != numberColumn && !header.get(i).isEmpty()) {
                String value = fields.get(i).strip();
                if (value.length() > MAX_VARIABLE_LENGTH) {
                    lineByNumber.remove(number);
                    return new Row(
                            record.line(),
                            raw,
                            Map.of(),
                            "column '" + header.get(i) + "' is longer than " + MAX_VARIABLE_LENGTH + " characters");
                }
                variables.put(header.get(i), value);
            }
        }
        return new Row(record.line(), number, variables, null);
    }

    private static int numberColumn(List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            if (NUMBER_COLUMNS.contains(header.get(i).toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new IllegalArgumentException("the CSV header needs a phone_number column (or phone, number, mobile,"
                + " msisdn, to); it has " + header);
    }

    private static void checkHeader(List<String> header) {
        Set<String> seen = new java.util.HashSet<>();
        for (String name : header) {
            if (!name.isEmpty() && !seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the CSV header repeats the column '" + name + "'");
            }
        }
    }

    private static char delimiterOf(String content) {
        int end = content.indexOf('\n');
        String firstLine = end < 0 ? content : content.substring(0, end);
        return firstLine.indexOf(',') < 0 && firstLine.indexOf(';') >= 0 ? ';' : ',';
    }

    private record Record(int line, List<String> fields) {}

    /** Splits into records; blank lines are skipped. */
    private static List<Record> records(String text, char delimiter) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                fieldStarted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                addRecord(records, fields, field, fieldStarted, recordLine);
                fields = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        addRecord(records, fields, field, fieldStarted, recordLine);
        return records;
    }

    private static void addRecord(
            List<Record> records, List<String> fields, StringBuilder field, boolean fieldStarted, int line) {
        if (!fieldStarted && fields.isEmpty() && field.toString().isBlank()) {
            return;
        }
        fields.add(field.toString());
        records.add(new Record(line, List.copyOf(fields)));
    }
}
