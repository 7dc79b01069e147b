package org.plenary.store;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * Signature V4 with {@code UNSIGNED-PAYLOAD} over plain HTTP too. The SDK signs every body sent over
 * {@code http://} (a SHA-256 of each byte, computed by the SDK and checked again by the server, on top
 * of the one the store records), which doubled an upload's hashing on a loopback or private-network
 * S3 server. The headers are still signed; only the body's hash is left out, as the SDK itself does
 * over HTTPS. The scheme (protocol) is not part of what SigV4 signs, so the request is signed as if
 * it were HTTPS and sent as it is. {@code plenary.documents.s3.sign-payload=true} keeps the SDK's way.
 */
final class UnsignedPayload implements HttpSigner<AwsCredentialsIdentity> {

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  /** The SigV4 scheme of the SDK, with this signer. */
  static AuthScheme<AwsCredentialsIdentity> scheme() {
    var signer = new UnsignedPayload();
    return new AuthScheme<>() {
      @Override
      public String schemeId() {
        return AwsV4AuthScheme.SCHEME_ID;
      }

      @Override
      public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
        return providers.identityProvider(AwsCredentialsIdentity.class);
      }

      @Override
      public HttpSigner<AwsCredentialsIdentity> signer() {
        return signer;
      }
    };
  }

  @Override
  public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
    String protocol = request.request().protocol();
    SignedRequest signed = signer.sign(request.copy(r -> r.request(request.request().copy(h -> h.protocol("https")))
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
        .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, false)));
    return signed.copy(r -> r.request(signed.request().copy(h -> h.protocol(protocol))));
  }

  @Override
  public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
    return signer.signAsync(request);
  }
}
