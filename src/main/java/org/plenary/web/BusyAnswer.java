package org.plenary.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.coyote.ActionCode;

/** The 503 a bound on threads answers with, before any filter ran: Retry-After, a sentence, the connection closed. */
final class BusyAnswer {

  private BusyAnswer() {
  }

  static void refuse(Request request, Response response, Problems problems, String key) throws IOException {
    // The rest of a body is not read: Tomcat would swallow it on the thread the bound is to spare.
    request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
    response.setHeader("Retry-After", "10");
    response.setHeader("Connection", "close");
    // The headers every other answer carries: refused before the filters ran, it gets none of theirs.
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Content-Security-Policy", SecurityConfiguration.NOTHING_ACTIVE);
    response.setHeader("Cache-Control", "no-store");
    problems.write(request, response, 503, key);
  }
}
