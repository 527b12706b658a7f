package io.pulsechat.web;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.pulsechat.account.Accounts;
import io.pulsechat.account.ChatUser;
import io.pulsechat.account.LoggedOut;
import io.pulsechat.account.PrehashedBcrypt;
import io.pulsechat.account.Tokens;

/**
 * Two filter chains. {@code /api/**}: HTTP Basic, bearer token (the connection JWT) or the browser's
 * login session (then with the CSRF header). Everything else: pages with form login. The WebSocket
 * handshake is let through here and authenticated by its own interceptor (token in the query string).
 */
@Configuration
class SecurityConfig {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PrehashedBcrypt.delegating();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Tokens tokens, Accounts accounts) throws Exception {
        var problems = new ProblemResponses();
        RequestMatcher withAuthorizationHeader = request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/users").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(problems))
                .oauth2ResourceServer(o -> o
                        .authenticationEntryPoint(problems)
                        .jwt(j -> j.decoder(tokens.decoder()).jwtAuthenticationConverter(jwt -> {
                            ChatUser user = accounts.findById(jwt.getSubject()).filter(ChatUser::enabled)
                                    .orElseThrow(() -> new BadCredentialsException("unknown or disabled user"));
                            return new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities());
                        })))
                // Basic and bearer credentials are not sent by a browser on its own: CSRF matters for the session only
                .csrf(c -> c.ignoringRequestMatchers(withAuthorizationHeader)
                        .ignoringRequestMatchers(request -> request.getSession(false) == null)
                        .ignoringRequestMatchers(request -> "POST".equals(request.getMethod())
                                && "/api/users".equals(request.getRequestURI())))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * Actuator: health is public; the rest (metrics, the Prometheus scrape) needs a user, by HTTP Basic so that
     * a scraper can authenticate (the pages chain only knows form login and would redirect it to /login).
     */
    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        var problems = new ProblemResponses();
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http, ApplicationEventPublisher events) throws Exception {
        var requestCache = new HttpSessionRequestCache();
        requestCache.setMatchingRequestParameterName(null); // back to "/" after login, not "/?continue"
        // remember only page visits, not the browser's background requests, as the place to return to after login
        requestCache.setRequestMatcher(request -> "GET".equals(request.getMethod())
                && String.valueOf(request.getHeader(HttpHeaders.ACCEPT)).contains("text/html"));
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/signup", "/app/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/ws/chat").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .requestCache(c -> c.requestCache(requestCache))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof ChatUser user) {
                                events.publishEvent(new LoggedOut(user.userid()));
                            }
                        })
                        .logoutSuccessUrl("/login?logout"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)));
        return http.build();
    }
}
