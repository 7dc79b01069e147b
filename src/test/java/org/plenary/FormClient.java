package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Pages and forms of a running Plenary on {@code localhost:port}, as a browser without scripts sends them: a client
 * keeps its session cookie, a form is posted URL-encoded with the CSRF token its page carried.
 */
public record FormClient(int port) {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /** A client signed in on the sign-in form (the demo's five with their demo passwords, others with {@code name-pass}). */
  public HttpClient signedIn(String username) throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String password = username.matches("tsb|chair|focal|alice|bob") ? username + "-demo" : username + "-pass";
    var answer = postForm(client, "/sign-in", Map.of("_csrf", csrf(page(client, "/sign-in").body()),
        "username", username, "password", password));
    assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    return client;
  }

  public HttpResponse<String> page(HttpClient client, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> postForm(HttpClient client, String path, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The CSRF token a page's forms carry. */
  public static String csrf(String page) {
    Matcher token = CSRF.matcher(page);
    assertThat(token.find()).as("the page carries a CSRF token").isTrue();
    return token.group(1);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
