package org.plenary.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Parameters Tomcat cannot read, in the address or a form's body: more of them than it reads
 * ({@code server.tomcat.max-parameter-count}), a name left empty ({@code ?=x}), an escape that is no escape
 * ({@code %zz}) or bytes that are no UTF-8. Tomcat parses parameters when something first asks for one (the
 * CSRF check, a controller's {@code @RequestParam}, the sign-in form) and then throws
 * {@link InvalidParameterException} from there: it left the servlet as a failure, which Tomcat logged at
 * ERROR with a stack trace at every such request (anyone could fill the log with them), and the reader was
 * told only that the request "could not be understood". Caught here, around every filter and controller,
 * it is the reader's mistake: 400 (413 for a form larger than Tomcat reads) with a sentence that says what
 * cannot be read, as a page or a problem, and one line at INFO (without the parameters, which may carry line breaks).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 21)
final class UnreadableParameters implements Filter {

  private static final Logger log = LoggerFactory.getLogger(UnreadableParameters.class);

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException failure) {
      InvalidParameterException unreadable = cause(failure);
      HttpServletResponse http = (HttpServletResponse) response;
      if (unreadable == null || http.isCommitted()) {
        throw failure;
      }
      int status = unreadable.getErrorCode() == 413 ? 413 : 400;
      // Tomcat's message quotes the parameters as decoded (line breaks included): not written to the log.
      log.info("Refused {} {} with {}: parameters that cannot be read", ((HttpServletRequest) request).getMethod(),
          ((HttpServletRequest) request).getRequestURI(), status);
      http.resetBuffer();
      if (status == 400) {
        request.setAttribute(ErrorPageController.DETAIL, "web.error.detail.parameters");
      }
      http.sendError(status);
    }
  }

  /** The parameters' failure behind {@code failure} (a controller's is wrapped by the dispatcher), or null. */
  private static InvalidParameterException cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InvalidParameterException unreadable) {
        return unreadable;
      }
    }
    return null;
  }
}
