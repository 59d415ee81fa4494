package dev.voicebot.dialer.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignCsvTest {

    @Test
    void readsNumbersAndVariablesAndReportsBadRowsByLine() {
        String csv = "\uFEFFphone_number,name,amount_due\r\n"
                + "+919876543210,Asha,1200\r\n"
                + "98765 43211,\"Rao, Vikram\",\"3,400\"\r\n"
                + "\r\n"
                + "12345,Bad,1\r\n"
                + "09876543210,Repeat,2\r\n"
                + "+919876543212,TooFew\r\n"
                + "\"+91 98765 43213\",\"Multi\nLine\",\"say \"\"hi\"\"\"\n";

        List<CampaignCsv.Row> rows = CampaignCsv.parse(csv, 100);

        assertThat(rows).hasSize(6);
        assertThat(rows.get(0))
                .isEqualTo(new CampaignCsv.Row(2, "+919876543210", Map.of("name", "Asha", "amount_due", "1200"), null));
        assertThat(rows.get(1).variables()).containsEntry("name", "Rao, Vikram").containsEntry("amount_due", "3,400");
        assertThat(rows.get(2).line()).isEqualTo(5);
        assertThat(rows.get(2).error()).contains("not a phone number");
        assertThat(rows.get(3).line()).isEqualTo(6);
        assertThat(rows.get(3).error()).contains("repeats the number on line 2");
        assertThat(rows.get(4).error()).contains("has 2 fields but the header has 3");
        assertThat(rows.get(5))
                .isEqualTo(new CampaignCsv.Row(
                        8, "+919876543213", Map.of("name", "Multi\nLine", "amount_due", "say \"hi\""), null));
    }

    @Test
    void acceptsOtherNumberColumnNamesAndSemicolons() {
        List<CampaignCsv.Row> rows = CampaignCsv.parse("Name;Mobile\nAsha;9876543210\n", 10);
        assertThat(rows).containsExactly(new CampaignCsv.Row(2, "+919876543210", Map.of("Name", "Asha"), null));
    }

    @Test
    void refusesACsvItCannotUseAtAll() {
        assertThatThrownBy(() -> CampaignCsv.parse("", 10)).hasMessageContaining("empty");
        assertThatThrownBy(() -> CampaignCsv.parse("name,city\nAsha,Pune\n", 10))
                .hasMessageContaining("phone_number column");
        assertThatThrownBy(() -> CampaignCsv.parse("phone,name,Name\n", 10)).hasMessageContaining("repeats the column");
        assertThatThrownBy(() -> CampaignCsv.parse("phone\n9876543210\n9876543211\n", 1))
                .hasMessageContaining("at most 1");
    }
}
