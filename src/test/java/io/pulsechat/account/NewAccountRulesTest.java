package io.pulsechat.account;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;

import io.pulsechat.shared.FieldRules;
import io.pulsechat.shared.InvalidInput.FieldError;

/** The Bean Validation rules of a registration, without a server: one error per field, details as written. */
class NewAccountRulesTest {

    final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void everyFieldReportsItsMostBasicProblemOnce() {
        assertThat(FieldRules.check(validator, new NewAccount("No Good", "short", " "))).containsExactly(
                new FieldError("username", "pattern", "username must match ^[a-z0-9_]{3,32}$"),
                new FieldError("password", "length", "password must be 8 to 128 characters"),
                new FieldError("display_name", "blank", "display_name must not be blank"));
        assertThat(FieldRules.check(validator, new NewAccount("fine_name", "long enough", ""))).containsExactly(
                new FieldError("display_name", "blank", "display_name must not be blank"));
        assertThat(FieldRules.check(validator, new NewAccount(null, null, null))).extracting(FieldError::code)
                .containsExactly("missing", "missing", "missing");
        assertThat(FieldRules.check(validator, new NewAccount("fine_name", "long enough", "\uD83D\uDE00".repeat(64)))).isEmpty();
    }
}
