package org.plenary.contribution;

import java.util.List;

/** An output document: a numbered document of the output series, its type and the inputs it answers. */
public record OutputDocument(Contribution document, OutputType type, List<String> answers) {

  public String number() {
    return document.number();
  }

  /** The editors: those named when it was numbered, who may upload its versions. */
  public List<String> editors() {
    return document.coauthors();
  }
}
