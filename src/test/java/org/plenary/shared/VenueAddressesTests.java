package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VenueAddressesTests {

  @Test
  void matchesAddressesAndBlocksOfBothFamiliesAndNothingElse() {
    var venue = VenueAddresses.parse(" 192.0.2.10 , 198.51.100.0/23,2001:db8:7::/48");
    assertThat(venue.contains("192.0.2.10")).isTrue();
    assertThat(venue.contains("192.0.2.11")).isFalse();
    assertThat(venue.contains("198.51.101.255")).isTrue();
    assertThat(venue.contains("198.51.102.0")).isFalse();
    assertThat(venue.contains("2001:db8:7:ffff::1")).isTrue();
    assertThat(venue.contains("2001:db8:8::1")).isFalse();
    assertThat(venue.contains("::ffff:203.0.113.1")).isFalse();
    assertThat(venue.contains("venue.example")).as("never looked up").isFalse();
    assertThat(VenueAddresses.parse("").contains("192.0.2.10")).isFalse();
    assertThat(VenueAddresses.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
  }

  @Test
  void refusesAnEntryThatIsNeitherAnAddressNorABlock() {
    assertThatThrownBy(() -> VenueAddresses.parse("192.0.2.0/33")).hasMessageContaining("192.0.2.0/33");
    assertThatThrownBy(() -> VenueAddresses.parse("venue.example")).hasMessageContaining("venue.example");
    assertThatThrownBy(() -> VenueAddresses.parse("192.0.2.0/x")).hasMessageContaining("prefix");
  }
}
