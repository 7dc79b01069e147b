package org.plenary.contribution;

import java.util.List;

/**
 * What the group's management or the secretariat gives to number an output document: title,
 * source, type, editors (usernames, who may upload its versions) and the input documents it answers.
 */
public record OutputAllocation(String title, String source, OutputType type, List<String> editors,
    List<String> answers) {

  public OutputAllocation {
    editors = editors == null ? List.of() : List.copyOf(editors);
    answers = answers == null ? List.of() : List.copyOf(answers);
  }
}
