package io.pulsechat.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error that no controller answered itself (an unknown URL, a refused CSRF token on a page, an exception in a
 * page, Spring Security's firewall, a direct {@code GET /error}) lands here, in place of Boot's error controller:
 * API paths ({@code /api/**}, {@code /actuator/**}) get problem+json, everything else our HTML error page
 * ({@code templates/error-page.html}, translated, in the look of the login page). No exception text or stack trace
 * reaches the client (the container logs an exception that got this far). A direct request for {@code /error} is a
 * 404: there is nothing there.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    Object error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 404;
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String uri ? uri : request.getRequestURI();
        if (ErrorPageContent.isApi(path)) {
            ProblemDetail problem = Problems.of(HttpStatusCode.valueOf(status), ErrorPageContent.apiDetail(status));
            problem.setInstance(ErrorPageContent.instance(path)); // else MVC would name "/error"
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        response.setStatus(status);
        var page = new ModelAndView("error-page", HttpStatusCode.valueOf(status));
        page.addAllObjects(ErrorPageContent.model(status, request.getUserPrincipal() != null));
        return page;
    }
}
