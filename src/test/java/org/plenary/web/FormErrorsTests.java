package org.plenary.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.util.DetailedError;

class FormErrorsTests {

  record HotelRequest(String name, String email, List<String> rooms, String departure) {}

  static class ClassForm {
    String fullName;
    String email;
    String countryCode;
  }

  private static DetailedError error(String field, String message) {
    return new DetailedError(field, "code", new Object[0], message);
  }

  @Test
  void listsOneMessagePerFieldInTheRecordsComponentOrderWithTheFormsOwnErrorsFirst() {
    var errors = List.of(error("departure", "after"), error("rooms[1]", "second row"), error("email", "address"),
        error("rooms[0]", "first row"), error("name", "blank"), error("name", "too long"),
        new DetailedError("code", new Object[0], "whole form"));
    assertThat(new FormErrors().inFormOrder(errors, new HotelRequest(null, null, null, null)))
        .extracting(DetailedError::getMessage)
        .containsExactly("whole form", "blank", "address", "second row", "first row", "after");
  }

  @Test
  void followsAFormClasssDeclaredFieldsAndPutsUnknownFieldsLast() {
    var errors = List.of(error("other", "unknown"), error("countryCode", "country"), error("fullName", "name"));
    assertThat(new FormErrors().inFormOrder(errors, new ClassForm()))
        .extracting(DetailedError::getMessage).containsExactly("name", "country", "unknown");
  }
}
