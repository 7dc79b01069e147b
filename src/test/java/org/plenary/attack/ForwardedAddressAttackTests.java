package org.plenary.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plenary.attack.IdentityAttackTests.Response;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Behind a proxy Plenary reads each client's address from {@code X-Forwarded-For}
 * ({@code server.forward-headers-strategy=native}). Tomcat's own default believed that header from every private and
 * loopback address (10/8, 172.16/12, 192.168/16, 127/8, fc00::/7…), so a delegate on the venue's network, itself
 * private, who reached the node directly could name a new address on every guess and never meet the per-address
 * sign-in limit, or claim an address of {@code plenary.venue-addresses}. Plenary believes it from the loopback address
 * alone unless {@code server.tomcat.remoteip.internal-proxies} names the proxy. Real sockets bound to loopback
 * addresses: 127.0.0.1 stands for the proxy, 127.3.0.x for another machine of a private network.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:forwarded-attack;DB_CLOSE_DELAY=-1",
    "plenary.data-dir=target/test-data/forwarded-attack-${random.uuid}",
    "plenary.ftp.enabled=false",
    "server.forward-headers-strategy=native",
    "plenary.sign-in.max-failures=3",
    "plenary.sign-in.max-failures-per-address=3"})
class ForwardedAddressAttackTests {

  @LocalServerPort int port;

  @Test
  void aForwardedAddressIsBelievedFromTheProxyAndNotFromAnotherPrivateAddress() throws Exception {
    // The proxy (loopback) names four clients: each is its own, and none is locked out by the others' guesses.
    assertThat(guesses("127.0.0.1", "203.0.113.", 4)).containsOnly(401);
    // A machine of the private network names a new client on every guess: its guesses count against its own address.
    List<Integer> forged = guesses("127.3.0.7", "198.51.100.", 5);
    assertThat(forged.subList(0, 3)).containsOnly(401);
    assertThat(forged.subList(3, 5)).as("locked out after three guesses from one address").containsOnly(429);
  }

  private List<Integer> guesses(String from, String named, int count) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // A fresh username each time: only the address limit can be met.
      statuses.add(Response.exchange(port, from, "POST", "/api/v1/tokens", Map.of("Content-Type", "application/json",
          "X-Forwarded-For", named + (i + 1)), "{\"username\":\"nobody-" + from.replace('.', '-') + "-" + i
          + "\",\"password\":\"guess-" + i + "\"}").status());
    }
    return statuses;
  }
}
