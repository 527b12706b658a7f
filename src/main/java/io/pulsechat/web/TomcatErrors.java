package io.pulsechat.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Requests that Tomcat refuses before the application sees them (a request line or headers over
 * {@code server.max-http-request-header-size}, an invalid URI, ...) get our answers too, not Tomcat's HTML report:
 * problem+json on API paths, our error page elsewhere. Tomcat writes those through the error report valve of the
 * host; this replaces Boot's instance of it (which only hides the server version) with {@link Report}.
 * <p>
 * An encoded slash ({@code %2F}) is different: Tomcat would refuse it on its own, but passing it through undecoded
 * is safe here, because Spring Security's firewall then rejects it (400) inside the application, where
 * {@link ErrorPages} answers with all the usual headers. So the connector passes it through.
 */
@Component
class TomcatErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(TomcatErrors.class);

    private final Problems problems;
    private final ObjectProvider<ITemplateEngine> templates;

    TomcatErrors(Problems problems, ObjectProvider<ITemplateEngine> templates) {
        this.problems = problems;
        this.templates = templates;
    }

    /** After Boot's own customizer, whose error report valve this one replaces. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
        factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new Report(problems, templates, context::getServletContext));
            // when the host starts it adds an instance of this class unless one is there: name ours, or it adds Tomcat's
            host.setErrorReportValveClass(Report.class.getName());
        });
    }

    /** Tomcat's error report, written by us. Same rule as Tomcat's: only for an error that has no body yet. */
    static final class Report extends ErrorReportValve {

        private final Problems problems;
        private final ObjectProvider<ITemplateEngine> templates;
        private final Supplier<ServletContext> servletContext;

        Report(Problems problems, ObjectProvider<ITemplateEngine> templates, Supplier<ServletContext> servletContext) {
            this.problems = problems;
            this.templates = templates;
            this.servletContext = servletContext;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String path = pathOf(request);
            try {
                String body;
                // the headers the security filters would have added, had the request got that far
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Cache-Control", "no-store");
                if (ErrorPageContent.isApi(path)) {
                    response.setHeader("Content-Security-Policy", SecurityConfig.API_CSP);
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    body = problems.json(Problems.of(HttpStatusCode.valueOf(status), ErrorPageContent.apiDetail(status)));
                } else {
                    response.setHeader("Content-Security-Policy", SecurityConfig.CSP);
                    response.setContentType(MediaType.TEXT_HTML_VALUE);
                    body = html(request, response, status);
                }
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter(); // null when the response cannot take a body any more
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | RuntimeException e) {
                log.debug("could not write the error report for a refused request", e);
            }
        }

        private String html(Request request, Response response, int status) {
            Locale locale = localeOf(request);
            try {
                // a web context (link expressions need one) over a request Tomcat never gave to the application
                ServletContext application = servletContext.get();
                var requestView = new HttpServletRequestWrapper(request) {
                    @Override
                    public String getContextPath() {
                        return "";
                    }

                    @Override
                    public ServletContext getServletContext() {
                        return application;
                    }
                };
                var responseView = new HttpServletResponseWrapper(response) {
                    @Override
                    public String encodeURL(String url) {
                        return url;
                    }
                };
                var exchange = JakartaServletWebApplication.buildApplication(application)
                        .buildExchange(requestView, responseView);
                var context = new WebContext(exchange, locale, ErrorPageContent.model(status, false));
                return templates.getObject().process("error-page", context);
            } catch (RuntimeException e) {
                log.debug("could not render the error page for a refused request", e);
                return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + status
                        + "</title><link rel=\"stylesheet\" href=\"/app/styles.css\"></head><body class=\"auth-page\">"
                        + "<main class=\"auth-card\"><h1 class=\"auth-heading\">" + status + "</h1>"
                        + "<p class=\"auth-lead\"><a href=\"/\">Pulse Chat</a></p></main></body></html>";
            }
        }

        private static String pathOf(Request request) {
            try {
                return request.getRequestURI();
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static Locale localeOf(Request request) {
            try {
                return request.getLocale();
            } catch (RuntimeException e) {
                return Locale.ENGLISH;
            }
        }
    }
}
