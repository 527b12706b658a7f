package io.pulsechat.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

import io.pulsechat.account.Accounts;
import io.pulsechat.account.ChatUser;
import io.pulsechat.message.AttachmentProperties;
import io.pulsechat.realtime.HeartbeatProperties;
import io.pulsechat.realtime.ReconnectProperties;
import io.pulsechat.room.Rooms;

/** The Thymeleaf pages: the chat at {@code /}, login and sign-up. */
@Controller
class PageController {

    private final Accounts accounts;
    private final HeartbeatProperties heartbeat;
    private final ReconnectProperties reconnect;
    private final AttachmentProperties attachments;
    private final String version;

    PageController(Accounts accounts, HeartbeatProperties heartbeat, ReconnectProperties reconnect,
                   AttachmentProperties attachments, ObjectProvider<BuildProperties> build) {
        this.accounts = accounts;
        this.heartbeat = heartbeat;
        this.reconnect = reconnect;
        this.attachments = attachments;
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
    }

    @GetMapping("/")
    String chat(@AuthenticationPrincipal ChatUser user, Model model) {
        model.addAttribute("me", user);
        model.addAttribute("client", new ClientConfig(version, "/ws/chat", heartbeat.clientSendAfter().toSeconds(),
                heartbeat.clientTimeout().toSeconds(), reconnect.delay().toMillis() / 1000.0, reconnect.maxAttempts(),
                attachments.maxSize().toBytes(), Rooms.LOBBY));
        return "chat";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/signup")
    String signup(Model model) {
        model.addAttribute("form", new SignupForm());
        model.addAttribute("registrationClosed", !accounts.registrationOpen());
        return "signup";
    }

    @PostMapping("/signup")
    String register(@ModelAttribute("form") SignupForm form, BindingResult errors, Model model) {
        model.addAttribute("registrationClosed", !accounts.registrationOpen());
        String invalid = Accounts.invalidField(form.getUsername(), form.getPassword(), form.getDisplayName());
        if (invalid != null) {
            String field = "display_name".equals(invalid) ? "displayName" : invalid;
            errors.rejectValue(field, "signup.invalid." + field, Accounts.describe(invalid));
            return "signup";
        }
        try {
            accounts.register(form.getUsername(), form.getPassword(), form.getDisplayName());
        } catch (ResponseStatusException e) {
            errors.rejectValue("username", "signup.rejected." + e.getStatusCode().value(), e.getReason());
            return "signup";
        }
        return "redirect:/login?registered";
    }
}
