package org.plenary;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * One API call over real HTTP for the concurrency tests: a method, a path, a JSON body (or none), a bearer token
 * and an {@code If-Match} (each may be null), and any further header pairs.
 */
public record JsonApi(HttpClient http, String base) {

  public HttpResponse<String> send(String method, String path, String token, String ifMatch, String json,
      String... headers) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
