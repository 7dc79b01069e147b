package org.plenary.shared;

import java.util.regex.Pattern;

/** CSV as spreadsheets read it safely. */
public final class Csv {

  /**
   * What a spreadsheet may take for a formula: =, +, -, @ (and their full-width and small forms, which
   * East Asian Excel reads as the same) after any spaces or line breaks (Excel and LibreOffice drop leading
   * ones on import), or a leading tab, CR or LF.
   */
  private static final Pattern FORMULA =
      Pattern.compile("(?s)[\\s\\p{Z}]*[=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20\\uFE66\\uFE62\\uFE63].*|[\\t\\r\\n].*");

  private Csv() {}

  /** RFC 4180 quoting; a cell a spreadsheet could run as a formula starts with ' so that it is text. */
  public static String cell(String value) {
    if (value == null) {
      return "";
    }
    String safe = FORMULA.matcher(value).matches() ? "'" + value : value;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }
}
