package org.plenary.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /api}: the OpenAPI description, browsable with Swagger UI inside Plenary's own layout. */
@Controller
class ApiPageController {

  @GetMapping("/api")
  String api() {
    return "web/api";
  }
}
