package io.pulsechat.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.pulsechat.account.Accounts;
import io.pulsechat.account.ChatUser;
import io.pulsechat.account.NewAccount;
import io.pulsechat.account.RegistrationClosed;
import io.pulsechat.account.UsernameTaken;
import io.pulsechat.message.AttachmentProperties;
import io.pulsechat.realtime.HeartbeatProperties;
import io.pulsechat.realtime.ReconnectProperties;
import io.pulsechat.room.Rooms;
import io.pulsechat.shared.InvalidInput;
import io.pulsechat.shared.TooManyRequests;

/** The Thymeleaf pages: the chat at {@code /}, login and sign-up. */
@Controller
class PageController {

    /** The longest wait a {@code /login?throttled=} link may announce; anything else in it is ignored. */
    private static final long MAX_ANNOUNCED_WAIT_S = 24 * 3600;

    private final Accounts accounts;
    private final HeartbeatProperties heartbeat;
    private final ReconnectProperties reconnect;
    private final AttachmentProperties attachments;
    private final CsrfTokenRepository csrfTokens;
    private final SecurityContextRepository securityContexts = new HttpSessionSecurityContextRepository();
    private final String version;

    PageController(Accounts accounts, HeartbeatProperties heartbeat, ReconnectProperties reconnect,
                   AttachmentProperties attachments, CsrfTokenRepository csrfTokens, ObjectProvider<BuildProperties> build) {
        this.accounts = accounts;
        this.heartbeat = heartbeat;
        this.reconnect = reconnect;
        this.attachments = attachments;
        this.csrfTokens = csrfTokens;
        // from META-INF/build-info.properties, written by the build; "dev" when running without it
        BuildProperties info = build.getIfAvailable();
        this.version = info == null ? "dev" : info.getVersion();
    }

    /** What the browser client needs to know, rendered into the chat page. */
    record ClientConfig(String version, String wsPath, long heartbeatSendAfterS, long heartbeatTimeoutS,
                        double reconnectDelayS, int reconnectMaxAttempts, long attachmentMaxBytes, String defaultRoom) {
    }

    /** The sign-up form's fields. */
    static final class SignupForm {
        private String username = "";
        private String password = "";
        private String displayName = "";

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username == null ? "" : username.strip();
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password == null ? "" : password;
        }

        public String getDisplayName() {
            return displayName;
        }

        public void setDisplayName(String displayName) {
            this.displayName = displayName == null ? "" : displayName;
        }

        NewAccount toNewAccount() {
            return new NewAccount(username, password, displayName);
        }
    }

    @GetMapping("/")
    String chat(@AuthenticationPrincipal ChatUser user, Model model) {
        model.addAttribute("me", user);
        model.addAttribute("client", new ClientConfig(version, "/ws/chat", heartbeat.clientSendAfter().toSeconds(),
                heartbeat.clientTimeout().toSeconds(), reconnect.delay().toMillis() / 1000.0, reconnect.maxAttempts(),
                attachments.maxSize().toBytes(), Rooms.LOBBY));
        return "chat";
    }

    /** The login page; {@code ?throttled=<seconds>} (from a locked login) shows how long to wait. */
    @GetMapping("/login")
    String login(@RequestParam(name = "throttled", required = false) String throttled, Model model) {
        model.addAttribute("throttledSeconds", announcedWait(throttled));
        return "login";
    }

    static Long announcedWait(String seconds) {
        if (seconds == null || !seconds.matches("\\d{1,6}")) {
            return null;
        }
        long value = Long.parseLong(seconds);
        return value >= 1 && value <= MAX_ANNOUNCED_WAIT_S ? value : null;
    }

    @GetMapping("/signup")
    String signup(Model model) {
        model.addAttribute("form", new SignupForm());
        model.addAttribute("registrationClosed", !accounts.registrationOpen());
        return "signup";
    }

    /**
     * Registers with the same rules and answers as {@code POST /api/users} ({@link Accounts#register}); shows every
     * field's problem at once; on success the new user is logged in and lands in the chat.
     */
    @PostMapping("/signup")
    String register(@ModelAttribute("form") SignupForm form, BindingResult errors, Model model,
                    HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("registrationClosed", !accounts.registrationOpen());
        ChatUser user;
        try {
            user = accounts.register(form.toNewAccount(), request.getRemoteAddr());
        } catch (InvalidInput invalid) {
            for (InvalidInput.FieldError error : invalid.errors()) {
                String field = "display_name".equals(error.field()) ? "displayName" : error.field();
                Object rejected = "password".equals(field) ? "" : errors.getFieldValue(field);
                errors.addError(new FieldError("form", field, rejected, false,
                        new String[] {"signup.invalid." + field + "." + error.code(), "signup.invalid." + field},
                        null, error.detail()));
            }
            return "signup";
        } catch (UsernameTaken taken) {
            errors.rejectValue("username", "signup.rejected.409", taken.getMessage());
            return "signup";
        } catch (RegistrationClosed closed) {
            errors.addError(new ObjectError("form", new String[] {"signup.rejected.403"}, null, closed.getMessage()));
            return "signup";
        } catch (TooManyRequests limited) {
            long minutes = Math.max(1, (limited.retryAfterSeconds() + 59) / 60);
            errors.addError(new ObjectError("form", new String[] {"signup.rejected.429"}, new Object[] {minutes},
                    limited.getMessage()));
            return "signup";
        }
        logIn(user, request, response);
        return "redirect:/";
    }

    /** Logs the new user in, as the form login would: a new session id, a fresh CSRF token. */
    private void logIn(ChatUser user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        securityContexts.saveContext(context, request, response);
        csrfTokens.saveToken(null, request, response); // the chat page renders a new one
    }
}
