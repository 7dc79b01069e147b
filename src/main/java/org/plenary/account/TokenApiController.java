package org.plenary.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Exchanges a username and password for a personal access token. */
@RestController
@Tag(name = "Tokens")
class TokenApiController {

  record TokenRequest(@NotBlank String username, @NotBlank String password, @Size(max = 100) String name) {}

  record TokenResponse(String token, String username, Instant expiresAt) {}

  private final AccountDirectory directory;
  private final AccessTokens tokens;
  private final SignInThrottle throttle;

  TokenApiController(AccountDirectory directory, AccessTokens tokens, SignInThrottle throttle) {
    this.directory = directory;
    this.tokens = tokens;
    this.throttle = throttle;
  }

  @Operation(operationId = "createToken", summary = "Create a personal access token", description = "Send it as `Authorization: Bearer <token>`.")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "401", description = "Wrong username or password.")
  @ApiResponse(responseCode = "403", description = "The password is a one-time password: choose your own on the web first.")
  @ApiResponse(responseCode = "429", description = "Too many failed sign-ins: the problem and Retry-After say when to try again.")
  @PostMapping("/api/v1/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  TokenResponse create(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
    String address = http.getRemoteAddr();
    Duration locked = throttle.lockedFor(address);
    if (!locked.isZero()) {
      long seconds = Math.max(1, locked.toSeconds());
      var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
          "Too many failed sign-ins from your address. Try again in " + seconds + " seconds.");
      var tooMany = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
      tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      throw tooMany;
    }
    Account account = directory.verify(request.username(), request.password()).orElseGet(() -> {
      throttle.failed(address);
      throw new ErrorResponseException(HttpStatus.UNAUTHORIZED,
          ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Wrong username or password."), null);
    });
    throttle.succeeded(address);
    if (account.mustChangePassword()) {
      throw new ErrorResponseException(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
          "Your password is a one-time password: sign in on the web and choose your own before creating tokens."), null);
    }
    String name = request.name() == null || request.name().isBlank() ? "API token" : request.name();
    IssuedToken issued = tokens.issue(account.id(), name);
    return new TokenResponse(issued.token(), account.username(), issued.expiresAt());
  }
}
