package org.plenary.meeting;

import java.io.File;

/** The Chromium of {@link AgendaBrowserTests}, and its skip condition, for browser tests of other packages. */
public final class AgendaBrowserTestsAccess {

  public static final File CHROMIUM = AgendaBrowserTests.CHROMIUM;
  public static final File CHROMEDRIVER = AgendaBrowserTests.CHROMEDRIVER;

  private AgendaBrowserTestsAccess() {}

  /** Skips, with a message, where Chromium is missing. */
  public static class ChromiumInstalled extends AgendaBrowserTests.ChromiumInstalled {}
}
