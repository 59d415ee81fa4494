package dev.voicebot.dialer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.dialer.callback.StatusCallback;
import dev.voicebot.dialer.callback.StatusCallbackParser;
import dev.voicebot.dialer.campaign.CampaignCsv;
import dev.voicebot.testsupport.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated request bodies, campaign CSVs and status-callback bodies through the dialer's
 * parsers: each is read or refused with the one exception type its endpoint turns into a 400,
 * never anything else.
 */
class DialerInputFuzzTest {

    private static final int CASES = 5_000;

    private final Fuzz fuzz = Fuzz.seeded("DialerInputFuzzTest");

    @Test
    void startAndCallBodies() {
        List<String> valid = List.of(
                "{\"dialout_settings\":{\"phone_number\":\"+919876543210\"}}",
                "{\"phone_number\":\"09876543210\",\"mode\":\"voice-ai\",\"variables\":{\"name\":\"Asha\"},"
                        + "\"time_limit_seconds\":600,\"record\":true,\"idempotency_key\":\"k-1\"}");
        List<String> names = List.of(
                "dialout_settings",
                "phone_number",
                "mode",
                "variables",
                "caller_id",
                "time_limit_seconds",
                "record",
                "flow_app_id",
                "idempotency_key");
        for (int i = 0; i < CASES; i++) {
            String body = i % 3 == 0 ? fuzz.randomJson(3, names) : fuzz.mutate(fuzz.pick(valid));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            readOrRefused(body, InvalidRequestException.class, () -> JsonBodies.read(bytes, StartRequest.class));
            readOrRefused(body, InvalidRequestException.class, () -> JsonBodies.read(bytes, CallRequest.class));
        }
    }

    @Test
    void campaignCsv() {
        List<String> valid = List.of(
                "phone_number,name,amount_due\n+919876543210,Asha,1200\n09876543211,\"Rao, K\",\"1\"\"2\"\n",
                "mobile;lang\n9876543212;hi\r\n9876543213;en\r\n",
                "\uFEFFnumber\n+919876543214\n");
        for (int i = 0; i < CASES; i++) {
            String csv = i % 5 == 0 ? fuzz.randomText(300) : fuzz.mutate(fuzz.pick(valid));
            List<CampaignCsv.Row> rows =
                    readOrRefused(csv, IllegalArgumentException.class, () -> CampaignCsv.parse(csv, 50));
            if (rows != null) {
                assertThat(rows).as(fuzz.describe(csv)).hasSizeLessThanOrEqualTo(50);
                for (CampaignCsv.Row row : rows) {
                    assertThat(row.valid() ? row.phoneNumber() : row.error())
                            .as(fuzz.describe(csv))
                            .isNotBlank();
                }
            }
        }
    }

    @Test
    void statusCallbackBodies() {
        List<String> valid = List.of(
                "{\"CallSid\":\"CA1\",\"Status\":\"completed\",\"EventType\":\"terminal\",\"CustomField\":\"vb1\","
                        + "\"Legs\":[{\"OnCallDuration\":\"12\",\"Status\":\"completed\",\"AnsweredBy\":\"Human\"}]}",
                "{\"Call\":{\"Sid\":\"CA2\",\"Status\":\"busy\"}}");
        List<String> names = List.of("CallSid", "Status", "EventType", "Legs", "CustomField", "Call", "Sid", "0");
        List<String> formNames =
                List.of("CallSid", "Status", "Legs[0][Status]", "Legs[1][OnCallDuration]", "Legs[x][Status]");
        for (int i = 0; i < CASES; i++) {
            String body = i % 3 == 0 ? fuzz.randomJson(4, names) : fuzz.mutate(fuzz.pick(valid));
            readOrRefused(
                    body,
                    IllegalArgumentException.class,
                    () -> StatusCallbackParser.fromJson(body.getBytes(StandardCharsets.UTF_8)));
            Map<String, String[]> form = new LinkedHashMap<>();
            for (int field = fuzz.random().nextInt(6); field > 0; field--) {
                String name = fuzz.random().nextBoolean() ? fuzz.pick(formNames) : fuzz.randomText(10);
                form.put(name, new String[] {fuzz.randomText(20)});
            }
            StatusCallback parsed = readOrRefused(
                    form.toString(), IllegalArgumentException.class, () -> StatusCallbackParser.fromForm(form));
            if (parsed != null) {
                assertThat(parsed.callSid()).as(fuzz.describe(form.toString())).isNotNull();
            }
        }
    }

    /** The value read, or {@code null} when {@code parse} refused with {@code refusal}. */
    private <T> T readOrRefused(String input, Class<? extends RuntimeException> refusal, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            if (!refusal.isInstance(e)) {
                throw new AssertionError("unexpected " + e + " on " + fuzz.describe(input), e);
            }
            assertThat(e.getMessage()).as(fuzz.describe(input)).isNotBlank();
            return null;
        } catch (StackOverflowError e) {
            throw new AssertionError("stack overflow on " + fuzz.describe(input), e);
        }
    }
}
