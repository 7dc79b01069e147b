package org.plenary.shared;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What a per-address limit counts as one client: an IPv4 address, or an IPv6 address's /64 network. An
 * IPv6 host is given a whole /64 (RFC 6177; SLAAC and privacy addresses pick any of its 2^64), so
 * counting its addresses one by one would give one client a fresh allowance with each address it takes.
 */
public final class ClientNetworks {

  private ClientNetworks() {}

  /** The address itself for IPv4, the first address of its /64 for IPv6. */
  public static InetAddress of(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] network = Arrays.copyOf(address.getAddress(), 16);
    Arrays.fill(network, 8, 16, (byte) 0);
    try {
      return InetAddress.getByAddress(network);
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * As {@link #of(InetAddress)} for an address written as a literal (a servlet request's remote address);
   * anything that is not a literal is kept as it is, never looked up.
   */
  public static String of(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return address;
    }
    try {
      return of(InetAddress.ofLiteral(address)).getHostAddress();
    } catch (IllegalArgumentException notALiteral) {
      return address;
    }
  }
}
