package org.plenary.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The answer to the few requests Tomcat refuses before the application sees them (a request line or
 * headers too long or malformed, a body too large for the connector): an RFC 9457 problem with a
 * sentence, like every other refusal, instead of Tomcat's own HTML page (which, at Tomcat's defaults,
 * carries a stack trace and the server's version). It replaces the error report valve Spring Boot
 * puts on the host, so it runs after Boot's customizer.
 */
@Component
class PlainErrorReport implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      var host = context.getParent().getPipeline();
      for (Valve valve : host.getValves()) {
        if (valve instanceof ErrorReportValve) {
          host.removeValve(valve);
        }
      }
      host.addValve(new ProblemValve());
      // the host adds a valve of its error report class at start unless one is there: name this one
      ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemValve.class.getName());
    });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Writes the problem when the response is an error nothing has written a body for. */
  static final class ProblemValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      AtomicBoolean ioAllowed = new AtomicBoolean(false);
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
      if (!ioAllowed.get()) {
        return;
      }
      try {
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Language", "en");
        // The headers every other answer carries: refused before the filters ran, it gets none of theirs.
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", SecurityConfiguration.NOTHING_ACTIVE);
        response.setHeader("Cache-Control", "no-store");
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(problem(status));
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the connection is gone or the response was taken meanwhile: nothing more to say
      }
    }

    static String problem(int status) {
      String title = switch (status) {
        case 400 -> "Bad Request";
        case 408 -> "Request Timeout";
        case 413 -> "Content Too Large";
        case 414 -> "URI Too Long";
        case 431 -> "Request Header Fields Too Large";
        case 505 -> "HTTP Version Not Supported";
        default -> status < 500 ? "Client Error" : "Server Error";
      };
      String detail = status < 500
          ? "The request could not be read: its request line or headers are malformed, or too long for this server. Shorten the address or the headers and try again."
          : "The server could not answer this request. Try again in a moment.";
      return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
    }
  }
}
