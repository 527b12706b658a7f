package io.pulsechat.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.pulsechat.shared.CodePoints;

/**
 * A registration: the body of {@code POST /api/users} and the sign-up form. Lengths count code points. The rules
 * that involve more than one field, or the common-password list, are checked by {@link Accounts#register}.
 */
public record NewAccount(
        @NotNull(message = "is required")
        @Pattern(regexp = "^[a-z0-9_]{3,32}$", message = "must match ^[a-z0-9_]{3,32}$")
        String username,

        @NotNull(message = "is required")
        @CodePoints(min = 8, max = 128, message = "must be 8 to 128 characters")
        String password,

        @NotNull(message = "is required")
        @NotBlank(message = "must not be blank")
        @CodePoints(min = 1, max = 64, message = "must be 1 to 64 characters")
        String displayName) {

    @Override
    public String toString() {
        return "NewAccount[" + username + "]"; // never the password
    }
}
