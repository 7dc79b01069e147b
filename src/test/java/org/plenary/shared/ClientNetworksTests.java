package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientNetworksTests {

  @Test
  void ipv4StaysItselfAndIpv6BecomesItsSlash64() throws Exception {
    assertThat(ClientNetworks.of("192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(ClientNetworks.of("2001:db8:a:b:1:2:3:4")).isEqualTo(ClientNetworks.of("2001:db8:a:b::ffff"))
        .isNotEqualTo(ClientNetworks.of("2001:db8:a:c::1"));
    assertThat(ClientNetworks.of(InetAddress.getByName("2001:db8:a:b:1:2:3:4")))
        .isEqualTo(InetAddress.getByName("2001:db8:a:b::"));
    assertThat(ClientNetworks.of(InetAddress.getByName("127.0.0.1"))).isEqualTo(InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void whatIsNotALiteralIsKeptAsItIsAndNeverLookedUp() {
    assertThat(ClientNetworks.of("not:an:address:at:all:zz")).isEqualTo("not:an:address:at:all:zz");
    assertThat(ClientNetworks.of("unknown")).isEqualTo("unknown");
    assertThat(ClientNetworks.of((String) null)).isNull();
  }
}
