package io.pulsechat.web;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;

/** A bearer token where the contract allows only Basic or the login session ({@code POST /api/auth/token}). */
class BearerRefused extends OAuth2AuthenticationException {

    static final String DETAIL = "A bearer token cannot get a new token: use HTTP Basic or the login session.";

    BearerRefused() {
        super(BearerTokenErrors.invalidRequest(DETAIL), DETAIL);
    }
}
