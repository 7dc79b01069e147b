package org.plenary.shared;

/** CSV as spreadsheets read it safely. */
public final class Csv {

  private Csv() {}

  /** RFC 4180 quoting; a leading =, +, -, @, tab or CR is neutralised so spreadsheets do not run it as a formula. */
  public static String cell(String value) {
    if (value == null) {
      return "";
    }
    String safe = value.matches("(?s)[=+\\-@\t\r].*") ? "'" + value : value;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }
}
