package org.plenary.shared;

/**
 * The Unicode direction embeddings, overrides and isolates a text leaves open (U+202A–U+202E, U+2066–U+2068
 * without their U+202C or U+2069), and what closes them: a name ending in RIGHT-TO-LEFT OVERRIDE reverses whatever
 * a page, a mail or a listing line puts after it ("report_fdp.exe" read as "report_exe.pdf"). Text typed since
 * {@code web.StoredText} cannot leave one open; text stored before can, and is closed wherever it is quoted.
 */
public final class DirectionControls {

  private DirectionControls() {}

  /**
   * What closes every direction embedding, override and isolate {@code text} leaves open, innermost first (PDF for an
   * embedding or override, PDI for an isolate): empty when it leaves none open. As the Unicode bidirectional
   * algorithm pairs them (X1–X8): a PDI closes the isolate it matches and any embedding opened inside it, a PDF
   * closes the last embedding but never across an isolate, and a closer with nothing to close is harmless.
   */
  public static String closers(String text) {
    StringBuilder open = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u202A' && c <= '\u202E' && c != '\u202C' || c >= '\u2066' && c <= '\u2068') {
        open = open == null ? new StringBuilder() : open;
        open.append(c >= '\u2066' ? '\u2069' : '\u202C');
      } else if (open != null && c == '\u202C') {
        if (!open.isEmpty() && open.charAt(open.length() - 1) == '\u202C') {
          open.setLength(open.length() - 1);
        }
      } else if (open != null && c == '\u2069') {
        int isolate = open.lastIndexOf("\u2069");
        if (isolate >= 0) {
          open.setLength(isolate);
        }
      }
    }
    return open == null ? "" : open.reverse().toString();
  }

  /** {@code text} with what closes what it leaves open after it; the same text when it leaves nothing open. */
  public static String closed(String text) {
    return text == null ? null : text + closers(text);
  }
}
