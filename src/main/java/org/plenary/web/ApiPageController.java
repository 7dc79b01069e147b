package org.plenary.web;

import org.plenary.shared.PageController;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /api}: the OpenAPI description, browsable with Swagger UI inside Plenary's own layout. Springdoc's
 * own Swagger UI page is turned off; its old addresses lead here.
 */
@PageController
class ApiPageController {

  @GetMapping("/api")
  String api() {
    return "web/api";
  }

  @GetMapping({"/api/swagger-ui.html", "/api/swagger-ui", "/api/swagger-ui/", "/api/swagger-ui/index.html"})
  String swaggerUi() {
    return "redirect:/api";
  }
}
