package io.pulsechat.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.pulsechat.account.Accounts;
import io.pulsechat.account.ChatUser;
import io.pulsechat.account.LoginThrottle;
import io.pulsechat.account.LoginThrottled;
import io.pulsechat.account.PrehashedBcrypt;
import io.pulsechat.account.Tokens;

/**
 * Four filter chains. {@code /ws/chat}: the WebSocket handshake, authenticated by its own interceptor (token in the
 * query string), so the chain only adds the security headers. {@code /api/**}: HTTP Basic, bearer token (the connection JWT) or the browser's login session
 * (then with the CSRF header). {@code /actuator/**}: health public, the rest for operators ({@link Operators}).
 * Everything else: pages with form login. The WebSocket handshake is let through here and authenticated by its own
 * interceptor (token in the query string).
 * <p>
 * Anonymous requests never create a stored session: the API and actuator chains remember no request, the pages
 * chain remembers only {@code GET /} and in a cookie, and the CSRF token lives in a cookie (shared by the pages and
 * the API chain, whose session-authenticated calls send it back as the {@value #CSRF_HEADER} header). A session
 * starts at login or sign-up. Failed logins are throttled by {@link LoginThrottle} (in {@code PasswordLogins}).
 */
@Configuration
class SecurityConfig {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    /** The header the chat page's scripts send the CSRF token in (also in the page's {@code _csrf_header} meta tag). */
    static final String CSRF_HEADER = "X-CSRF-TOKEN";
    static final String TOKEN_PATH = "/api/auth/token";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PrehashedBcrypt.delegating();
    }

    /** The CSRF token in a cookie (HttpOnly: the page renders the token, scripts never read the cookie). */
    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        var repository = new CookieCsrfTokenRepository();
        repository.setHeaderName(CSRF_HEADER);
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return repository;
    }

    /**
     * The handshake pays for no filter it does not need (docs/performance.md, "Where the handshake time goes"): no
     * session, no security context stored, no request cache, no CSRF (a GET whose query token is the defence against
     * cross-site WebSocket hijacking, with the origin check). The handshake interceptors decide: 401, 403, 429.
     */
    @Bean
    @Order(0)
    SecurityFilterChain websocket(HttpSecurity http) throws Exception {
        http.securityMatcher("/ws/chat")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.requireExplicitSave(true))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .csrf(c -> c.disable())
                .anonymous(a -> a.disable())
                .logout(l -> l.disable());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Tokens tokens, CsrfTokenRepository csrfTokens, Problems problems) throws Exception {
        var responses = new ProblemResponses(problems);
        RequestMatcher withAuthorizationHeader = request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/users").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(responses))
                .oauth2ResourceServer(o -> o
                        .authenticationEntryPoint(responses)
                        .bearerTokenResolver(bearerTokens())
                        .jwt(j -> j.decoder(tokens.decoder()).jwtAuthenticationConverter(jwt -> {
                            ChatUser user = tokens.userFor(jwt)
                                    .orElseThrow(() -> new BadCredentialsException("unknown, disabled or revoked"));
                            return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
                        })))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                // Basic and bearer credentials are not sent by a browser on its own: CSRF matters for the session only
                .csrf(c -> c.csrfTokenRepository(csrfTokens)
                        .ignoringRequestMatchers(withAuthorizationHeader)
                        .ignoringRequestMatchers(request -> request.getSession(false) == null)
                        .ignoringRequestMatchers(request -> "POST".equals(request.getMethod())
                                && "/api/users".equals(request.getRequestURI())))
                .exceptionHandling(e -> e.authenticationEntryPoint(responses).accessDeniedHandler(responses))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(API_CSP)));
        return http.build();
    }

    /** Bearer tokens everywhere in the API but at the token endpoint, where one is refused (401) instead of renewed. */
    static BearerTokenResolver bearerTokens() {
        var standard = new DefaultBearerTokenResolver();
        return request -> {
            String token = standard.resolve(request);
            if (token != null && isTokenEndpoint(request)) {
                throw new BearerRefused();
            }
            return token;
        };
    }

    static boolean isTokenEndpoint(HttpServletRequest request) {
        return TOKEN_PATH.equals(request.getRequestURI());
    }

    /**
     * Actuator: health is public; the rest (metrics, the Prometheus scrape) is for operators, by HTTP Basic (a chat
     * operator or the scrape credential) or an operator's browser session. Anonymous 401, ordinary users 403.
     */
    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http, Problems problems, Operators operators, OpsProperties ops,
                                 LoginThrottle throttle, CsrfTokenRepository csrfTokens) throws Exception {
        var responses = new ProblemResponses(problems);
        RequestMatcher withAuthorizationHeader = request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().access(operators))
                .authenticationProvider(new ScrapeLogin(ops, throttle))
                .httpBasic(b -> b.authenticationEntryPoint(responses))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                // the exposed endpoints are read-only; should one that writes be exposed, an operator's session needs CSRF
                .csrf(c -> c.csrfTokenRepository(csrfTokens).ignoringRequestMatchers(withAuthorizationHeader))
                .exceptionHandling(e -> e.authenticationEntryPoint(responses).accessDeniedHandler(responses))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(API_CSP)));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http, Accounts accounts, CsrfTokenRepository csrfTokens) throws Exception {
        var requestCache = new CookieRequestCache();
        // remember only a visit of the chat page as the place to return to after login, nothing else
        requestCache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && "/".equals(request.getRequestURI())
                && String.valueOf(request.getHeader(HttpHeaders.ACCEPT)).contains("text/html"));
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/signup", "/app/**", "/favicon.ico", "/error").permitAll()
                        .anyRequest().authenticated())
                .requestCache(c -> c.requestCache(requestCache))
                .csrf(c -> c.csrfTokenRepository(csrfTokens))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(loginFailures()).permitAll())
                .logout(l -> l
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof ChatUser user) {
                                accounts.revokeTokens(user.userid()); // also closes the user's sockets (4401)
                            }
                        })
                        .logoutSuccessUrl("/login?logout"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)));
        return http.build();
    }

    /**
     * Back to the login page with {@code ?error}, {@code ?banned} for a banned account, or {@code ?throttled=<seconds>}
     * while locked; stores nothing (the
     * default handler would create a session to keep the exception in).
     */
    static AuthenticationFailureHandler loginFailures() {
        return (request, response, e) -> {
            String query = e instanceof LoginThrottled throttled ? "throttled=" + throttled.retryAfterSeconds()
                    : e instanceof org.springframework.security.authentication.DisabledException ? "banned" : "error";
            response.sendRedirect(request.getContextPath() + "/login?" + query);
        };
    }
}
