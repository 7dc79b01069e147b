package org.plenary.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies an organization across modules; written in JSON as its plain number. */
public record OrganizationId(@JsonValue long value) implements java.io.Serializable {

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public OrganizationId {}
}
