package org.plenary.shared;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses a meeting's venue shares among its delegates ({@code plenary.venue-addresses}: addresses or CIDR
 * blocks, separated by commas), declared by the secretariat. Hundreds of delegates behind one NAT look like one
 * client, so limits counted per address (failed sign-ins, FTP connections, passive ports) are lifted for them;
 * limits per username and in total still hold.
 */
public final class VenueAddresses {

  private record Block(byte[] network, int bits) {

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      return rest == 0 || ((address[whole] ^ network[whole]) & (0xFF << (8 - rest)) & 0xFF) == 0;
    }
  }

  private static final VenueAddresses NONE = new VenueAddresses(List.of());

  private final List<Block> blocks;

  private VenueAddresses(List<Block> blocks) {
    this.blocks = blocks;
  }

  /** No venue declared: every address is counted. */
  public static VenueAddresses none() {
    return NONE;
  }

  /**
   * Reads a list such as {@code 192.0.2.10, 198.51.100.0/24, 2001:db8::/48}; an entry that is neither an address
   * literal nor a block is refused (a typo must not silently leave the venue counted), never looked up by name.
   */
  public static VenueAddresses parse(String list) {
    if (list == null || list.isBlank()) {
      return NONE;
    }
    List<Block> blocks = new ArrayList<>();
    for (String entry : list.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int slash = trimmed.indexOf('/');
      InetAddress address;
      try {
        address = InetAddress.ofLiteral(slash < 0 ? trimmed : trimmed.substring(0, slash));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("plenary.venue-addresses: " + trimmed + " is not an address or block", e);
      }
      byte[] network = address.getAddress();
      int bits = network.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > network.length * 8) {
          throw new IllegalArgumentException("plenary.venue-addresses: " + trimmed + " has no valid prefix length");
        }
      }
      blocks.add(new Block(network, bits));
    }
    return new VenueAddresses(List.copyOf(blocks));
  }

  /** Whether this address is one of the venue's. */
  public boolean contains(InetAddress address) {
    if (address == null || blocks.isEmpty()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    return blocks.stream().anyMatch(block -> block.contains(bytes));
  }

  /** As {@link #contains(InetAddress)} for an address literal (a servlet request's); anything else is not. */
  public boolean contains(String address) {
    if (address == null || blocks.isEmpty()) {
      return false;
    }
    try {
      return contains(InetAddress.ofLiteral(address));
    } catch (IllegalArgumentException notALiteral) {
      return false;
    }
  }
}
