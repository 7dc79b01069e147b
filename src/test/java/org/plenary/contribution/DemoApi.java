package org.plenary.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The API of a demo server on a real port, as a client sees it: a demo account's token, a number of
 * the demo's coming meeting, an upload as a multipart body. For tests that need a real connection
 * (races, attacks) rather than MockMvc.
 */
public record DemoApi(HttpClient http, int port) {

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A token of the demo account {@code user} (its password is "{@code user}-demo"). */
  public String token(String user) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/api/v1/tokens"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"username\":\"" + user + "\",\"password\":\"" + user + "-demo\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    return field(response.body(), "token");
  }

  /**
   * The code of the demo's upcoming meeting in Geneva as the application lists it (earliest first, after 1006-gva),
   * never derived from the test's own date, whose zone and day may differ from the application's.
   */
  public String upcoming() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/api/v1/groups/cloud/meetings")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var codes = java.util.regex.Pattern.compile("\"code\":\"(\\d{4}-gva)\"").matcher(response.body()).results()
        .map(m -> m.group(1)).filter(code -> !code.equals("1006-gva")).toList();
    assertThat(codes).as(response.body()).isNotEmpty();
    return codes.get(0);
  }

  /** A new number of the demo's upcoming meeting in Geneva, titled {@code title}. */
  public String allocate(String token, String title) throws Exception {
    String code = upcoming();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            url("/api/v1/groups/cloud/meetings/" + code + "/contributions"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"source\":\"Tester\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return field(response.body(), "number");
  }

  /** Uploads {@code bytes} as {@code fileName} for the number, the API's multipart form; the answer as it came. */
  public HttpResponse<String> upload(String token, String number, String fileName, byte[] bytes) throws Exception {
    return upload(token, number, fileName, bytes, null);
  }

  /** As {@link #upload(String, String, String, byte[])}, replacing the waiting version {@code ifMatch} names ({@code *}: any). */
  public HttpResponse<String> upload(String token, String number, String fileName, byte[] bytes, String ifMatch)
      throws Exception {
    var body = new ByteArrayOutputStream();
    body.write(("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(bytes);
    body.write("\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
    var request = HttpRequest.newBuilder(url("/api/v1/contributions/" + number + "/files"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=b0undary");
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A string field of a JSON answer. */
  public static String field(String body, String name) {
    return body.replaceAll("(?s).*\"" + name + "\":\"([^\"]+)\".*", "$1");
  }
}
