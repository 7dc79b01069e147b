package org.plenary.contribution;

import java.util.List;
import java.util.Optional;

/**
 * The two number series of a group and the meeting folder each is published into: input documents
 * ({@code FG-Cloud-I-0001}, {@code <meeting>/in/}) and output documents ({@code FG-Cloud-O-0001},
 * {@code <meeting>/out/}). Each series is consecutive and never reused on its own.
 */
public enum DocumentSeries {
  INPUT('I', "in"),
  OUTPUT('O', "out");

  /** The published folders of every meeting, in the order they are listed. */
  public static final List<String> FOLDERS = List.of(INPUT.folder, OUTPUT.folder);

  private final char letter;
  private final String folder;

  DocumentSeries(char letter, String folder) {
    this.letter = letter;
    this.folder = folder;
  }

  public char letter() {
    return letter;
  }

  /** The name of the meeting's published folder of this series: {@code in} or {@code out}. */
  public String folder() {
    return folder;
  }

  /**
   * The series of a number or of a file named with one: the letter before its last dash
   * ({@code FG-Cloud-O-0003} and {@code FG-Cloud-O-0003r1.pdf} are outputs).
   */
  public static DocumentSeries of(String number) {
    int dash = number.lastIndexOf('-');
    char letter = dash > 0 ? Character.toUpperCase(number.charAt(dash - 1)) : 'I';
    return letter == 'O' ? OUTPUT : INPUT;
  }

  /** The series published into a meeting folder of that name. */
  public static Optional<DocumentSeries> ofFolder(String folder) {
    for (DocumentSeries series : values()) {
      if (series.folder.equals(folder)) {
        return Optional.of(series);
      }
    }
    return Optional.empty();
  }

  static DocumentSeries ofLetter(String letter) {
    return "O".equals(letter) ? OUTPUT : INPUT;
  }
}
