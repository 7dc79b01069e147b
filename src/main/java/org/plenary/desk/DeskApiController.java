package org.plenary.desk;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.plenary.account.PlenaryUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The desk as JSON: what waits for the person the token belongs to. */
@RestController
@Tag(name = "Desk")
@PreAuthorize("isAuthenticated()")
class DeskApiController {

  private final PersonalDesk desk;

  DeskApiController(PersonalDesk desk) {
    this.desk = desk;
  }

  @Operation(operationId = "getMyDesk", summary = "What waits for you, by role, soonest deadline first "
      + "(states as codes; the page shows them in words)")
  @GetMapping("/api/v1/me/desk")
  Desk desk(@AuthenticationPrincipal PlenaryUser user) {
    return desk.of(user);
  }
}
