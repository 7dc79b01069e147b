package org.plenary.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;

/**
 * A refusal (any answer of status 400 or more: a problem, an error page, a 406 or 415) carries no
 * {@code Content-Disposition}. Spring MVC's protection against reflected file downloads adds
 * {@code inline;filename=f.txt} to every body its message converters write, errors included, when the request's last
 * path segment ends in an extension it does not know ({@code /api/v1/contributions/FG-Cloud-I-0001.exe},
 * {@code /api/v1/nothing.bat}, a path parameter {@code ;x.cmd}); a problem named a download "f.txt" that no client
 * should save. The answers it protects (2xx bodies) keep it. Only requests whose last segment holds a dot are wrapped:
 * no other one can be given the header.
 */
@Configuration(proxyBeanMethods = false)
class RefusalHeaders {

  @Bean
  FilterRegistrationBean<jakarta.servlet.Filter> refusalsWithoutDisposition() {
    var registration = new FilterRegistrationBean<jakarta.servlet.Filter>(RefusalHeaders::filter);
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
    // After the public files filter, which serves downloads (dots in every name) without reaching this one.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  private static void filter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
        && dotInLastSegment(http)) {
      chain.doFilter(request, new Refusal(answer));
    } else {
      chain.doFilter(request, response);
    }
  }

  /** Whether the path Spring reads the extension from (the one first asked for, on an error dispatch) may have one. */
  private static boolean dotInLastSegment(HttpServletRequest request) {
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String uri = original instanceof String first ? first : request.getRequestURI();
    return uri != null && uri.indexOf('.', uri.lastIndexOf('/') + 1) >= 0;
  }

  /** The response, deaf to a Content-Disposition while its status is a refusal's. */
  private static final class Refusal extends HttpServletResponseWrapper {

    Refusal(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setHeader(String name, String value) {
      if (!refusalDisposition(name)) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!refusalDisposition(name)) {
        super.addHeader(name, value);
      }
    }

    private boolean refusalDisposition(String name) {
      return HttpHeaders.CONTENT_DISPOSITION.equalsIgnoreCase(name) && getStatus() >= 400;
    }
  }
}
