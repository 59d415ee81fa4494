package dev.voicebot.dialer.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "+919876543210      | +919876543210",
                "+91 98765 43210    | +919876543210",
                "+91-98765-43210    | +919876543210",
                "(+91) 98765.43210  | +919876543210",
                "9876543210         | +919876543210",
                "98765 43210        | +919876543210",
                "09876543210        | +919876543210",
                "098765-43210       | +919876543210",
                "919876543210       | +919876543210",
                "0091 98765 43210   | +919876543210",
                "080 4710 0000      | +918047100000",
                "+1 (415) 555-0100  | +14155550100",
                "+6591234567        | +6591234567",
            })
    void acceptsE164AndIndianNationalForms(String raw, String e164) {
        assertThat(PhoneNumbers.toE164(raw)).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "abc",
                "98765x43210",
                "12345",
                "+91 12345",
                "+9198765432101",
                "+91 0987654321",
                "0987654321",
                "+0919876543210",
                "++919876543210",
                "91+9876543210",
                "+1234567",
                "+1234567890123456",
                "0000000000",
            })
    void rejectsEverythingElseWithAMessage(String raw) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(raw))
                .isInstanceOf(InvalidPhoneNumberException.class)
                .hasMessageContaining("phone number");
    }

    @ParameterizedTest
    @CsvSource({"+919876543210, 09876543210", "+14155550100, +14155550100"})
    void writesIndianNumbersInNationalFormOnRequest(String e164, String national) {
        assertThat(PhoneNumbers.toIndianNationalForm(e164)).isEqualTo(national);
    }
}
