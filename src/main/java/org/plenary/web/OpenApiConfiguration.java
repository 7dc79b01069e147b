package org.plenary.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title of the OpenAPI description and its bearer-token scheme. */
@Configuration
class OpenApiConfiguration {

  @Bean
  OpenAPI plenaryOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Plenary API").version("v1").description(
            "Groups, meetings and their agendas. Reading is open; writing needs a personal access token from "
                + "POST /api/v1/tokens, sent as Authorization: Bearer. Errors are RFC 9457 problems."))
        .components(new Components().addSecuritySchemes("token",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("token"));
  }
}
