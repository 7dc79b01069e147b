package org.plenary.contribution;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The request for an output document number, on the API. */
record OutputRequest(
    @NotBlank(message = "{contribution.error.outputTitle}") @Size(max = 500, message = "{contribution.error.outputTitleLength}") @org.plenary.shared.PastedLine String title,
    @Schema(nullable = true, description = "Defaults to the group's acronym.") @Size(max = 500) String source,
    @NotNull(message = "{contribution.error.outputType}") OutputType type,
    @Schema(nullable = true, description = "Usernames of the editors, who may upload its versions.") @Size(max = 50)
    List<@Size(max = 40) String> editors,
    @Schema(nullable = true, description = "Numbers of the input documents it answers.") @Size(max = 200)
    List<@Size(max = 80) String> answers) {

  OutputAllocation toAllocation() {
    return new OutputAllocation(title, source, type, editors, answers);
  }
}
