package org.plenary.pdf;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BidiRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.plenary.pdf.PdfComposer.Run;

/**
 * One line of text as it is drawn: Arabic letters shaped into their joined forms (ICU's
 * {@link ArabicShaping}), then the line put in visual order by the Unicode bidirectional algorithm
 * (ICU's {@link Bidi}), right-to-left runs reversed and their brackets mirrored. A PDF holds glyphs
 * in the order they are painted; extractors rebuild the logical order from it, and the ToUnicode
 * map (see {@link ToUnicode}) gives back the letters the shaped glyphs stand for.
 */
final class BidiLine {

  /** The runs in the order they are painted, left to right; {@code rightToLeft} when the line's base direction is. */
  record Visual(List<Run> runs, boolean rightToLeft) {}

  private BidiLine() {}

  static Visual of(List<Run> logical) {
    if (logical.stream().noneMatch(r -> hasRightToLeft(r.text()))) {
      return new Visual(withoutIsolates(logical), false);
    }
    var shaped = new ArrayList<Run>();
    var text = new StringBuilder();
    var owner = new ArrayList<Integer>();
    for (Run run : logical) {
      String s = shape(run.text());
      shaped.add(new Run(s, run.bold()));
      text.append(s);
      for (int i = 0; i < s.length(); i++) {
        owner.add(shaped.size() - 1);
      }
    }
    Bidi bidi = new Bidi(text.toString(), Bidi.LEVEL_DEFAULT_LTR);
    var visual = new ArrayList<Run>();
    for (int i = 0; i < bidi.countRuns(); i++) {
      BidiRun run = bidi.getVisualRun(i);
      var pieces = new ArrayList<Run>();
      int start = run.getStart();
      for (int k = start + 1; k <= run.getLimit(); k++) {
        if (k == run.getLimit() || !owner.get(k).equals(owner.get(start))) {
          pieces.add(new Run(text.substring(start, k), shaped.get(owner.get(start)).bold()));
          start = k;
        }
      }
      if (run.isOddRun()) {
        Collections.reverse(pieces);
        pieces.replaceAll(p -> new Run(Bidi.writeReverse(p.text(), Bidi.DO_MIRRORING | Bidi.KEEP_BASE_COMBINING),
            p.bold()));
      }
      visual.addAll(pieces);
    }
    return new Visual(withoutIsolates(visual), (bidi.getParaLevel() & 1) == 1);
  }

  /** The directional isolates have ordered the line; they are not painted. */
  private static List<Run> withoutIsolates(List<Run> runs) {
    return runs.stream().map(r -> new Run(r.text().replaceAll("[\u2066-\u2069]", ""), r.bold()))
        .filter(r -> !r.text().isEmpty()).toList();
  }

  private static boolean hasRightToLeft(String text) {
    // The JDK's table answers this, so a document without right-to-left text never loads ICU's data.
    return text.codePoints().anyMatch(c -> {
      byte direction = Character.getDirectionality(c);
      return direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
          || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    });
  }

  private static String shape(String text) {
    try {
      return new ArabicShaping(ArabicShaping.LETTERS_SHAPE | ArabicShaping.LENGTH_GROW_SHRINK
          | ArabicShaping.TEXT_DIRECTION_LOGICAL).shape(text);
    } catch (ArabicShapingException e) {
      return text;
    }
  }
}
