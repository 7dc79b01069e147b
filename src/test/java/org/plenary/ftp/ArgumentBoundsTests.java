package org.plenary.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An FTP argument's bound in characters counts code points, as every other bound does: a path of 600 characters beyond
 * U+FFFF ({@code 𠀀}, 1,200 UTF-16 units) is within {@link FtpPath#MAX_LENGTH}; counted in units it was refused as too
 * long.
 */
class ArgumentBoundsTests {

  private static final String WIDE = "\uD840\uDC00";

  @Test
  void aPathOfCharactersBeyondTheBasicPlaneCountsEachAsOne() {
    String path = ("/" + WIDE.repeat(59)).repeat(10);
    assertThat(path.codePointCount(0, path.length())).isEqualTo(600);
    assertThat(ArgumentBounds.longer(path, FtpPath.MAX_LENGTH)).isFalse();
    assertThat(FtpPath.ROOT.resolve(path)).isPresent();
    String past = WIDE.repeat(FtpPath.MAX_LENGTH + 1);
    assertThat(ArgumentBounds.longer(past, FtpPath.MAX_LENGTH)).isTrue();
    assertThat(FtpPath.ROOT.resolve(past)).isEmpty();
    assertThat(ArgumentBounds.longer(WIDE.repeat(ArgumentBounds.WORD), ArgumentBounds.WORD)).isFalse();
  }
}
