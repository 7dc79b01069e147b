package org.plenary.meeting;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a circular (or an addendum to one); written in JSON as its plain number. */
public record CircularId(@JsonValue long value) {

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public CircularId {}
}
