package org.plenary.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.plenary.shared.Languages;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The answer to the few requests Tomcat refuses before the application sees them (a request line or
 * headers too long or malformed, a %-escape that is no escape such as {@code /groups/%ZZ}, a body too large
 * for the connector): an RFC 9457 problem with a sentence, like every other refusal, instead of Tomcat's own
 * HTML page (which, at Tomcat's defaults, carries a stack trace and the server's version); a browser, which
 * asks for HTML, gets a small page of its own instead (a sentence and a link home, nothing to load). Both
 * speak the language of {@code Accept-Language} among the six, when Tomcat read the headers before refusing
 * (a request line too long stops it before them: English JSON then). It replaces the error report valve
 * Spring Boot puts on the host, so it runs after Boot's customizer.
 */
@Component
class PlainErrorReport implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  private final MessageSource messages;

  PlainErrorReport(MessageSource messages) {
    this.messages = messages;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      var host = context.getParent().getPipeline();
      for (Valve valve : host.getValves()) {
        if (valve instanceof ErrorReportValve) {
          host.removeValve(valve);
        }
      }
      host.addValve(new ProblemValve(messages));
      // the host adds a valve of its error report class at start unless one is there: name this one
      ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemValve.class.getName());
    });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Writes the problem, or the page, when the response is an error nothing has written a body for. */
  static final class ProblemValve extends ErrorReportValve {

    private final MessageSource messages;

    ProblemValve(MessageSource messages) {
      this.messages = messages;
    }

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
        Locale locale = LanguageResolver.fromAcceptLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        boolean page = asksForPage(request);
        response.setContentType(page ? "text/html" : "application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Language", locale.toLanguageTag());
        response.setHeader("Vary", "Accept, Accept-Language");
        // The headers every other answer carries: refused before the filters ran, it gets none of theirs.
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", SecurityConfiguration.NOTHING_ACTIVE);
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(page ? page(status, locale) : problem(status, locale));
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the connection is gone or the response was taken meanwhile: nothing more to say
      }
    }

    /**
     * Whether the request names HTML among what it accepts (a browser's navigation does; {@code *}{@code /*}, as
     * curl and API clients send, does not) and is not one to the API.
     */
    static boolean asksForPage(Request request) {
      String uri = request.getCoyoteRequest().requestURI().toString();
      if (uri == null || uri.startsWith("/api/")) {
        return false;
      }
      String accept = request.getHeader(HttpHeaders.ACCEPT);
      if (accept == null) {
        return false;
      }
      try {
        return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.getQualityValue() > 0
            && (type.equalsTypeAndSubtype(MediaType.TEXT_HTML) || type.equalsTypeAndSubtype(MediaType.APPLICATION_XHTML_XML)));
      } catch (InvalidMediaTypeException unreadable) {
        return false;
      }
    }

    String problem(int status, Locale locale) {
      return "{\"type\":\"about:blank\",\"title\":\"" + json(title(status, locale)) + "\",\"status\":" + status
          + ",\"detail\":\"" + json(detail(status, locale)) + "\"}";
    }

    /** A page that needs nothing else: no style, no script, no image (its policy lets nothing load). */
    String page(int status, Locale locale) {
      String title = html(title(status, locale));
      return "<!DOCTYPE html>\n<html lang=\"" + locale.toLanguageTag() + "\" dir=\""
          + (Languages.rightToLeft(locale) ? "rtl" : "ltr") + "\">\n<head><meta charset=\"utf-8\">"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + status + " — " + title
          + " — Plenary</title></head>\n<body>\n<h1>" + status + " — " + title + "</h1>\n<p>" + html(detail(status, locale))
          + "</p>\n<p><a href=\"/\">" + html(messages.getMessage("web.error.back", null, locale)) + "</a></p>\n</body>\n</html>\n";
    }

    private String title(int status, Locale locale) {
      String fallback = messages.getMessage(status < 500 ? "web.status.400" : "web.status.500", null, locale);
      return messages.getMessage("web.status." + status, null, fallback, locale);
    }

    private String detail(int status, Locale locale) {
      return messages.getMessage(status < 500 ? "web.refused.detail" : "web.refused.server", null, locale);
    }

    private static String json(String text) {
      return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String html(String text) {
      return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
  }
}
