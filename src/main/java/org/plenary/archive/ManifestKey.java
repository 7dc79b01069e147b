package org.plenary.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.plenary.shared.PrivateFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The site's Ed25519 key that signs every manifest (JDK, no library). Made at first start in
 * {@code <data-dir>/manifest.key} ({@code plenary.manifest-key}), owner-only from its first byte and
 * never replaced, so nodes starting together on one data folder (or one shared key file) all end up
 * with the same key; the public half is published
 * as PEM at {@code /.well-known/plenary-manifest-key}.
 */
@Component
public class ManifestKey {

  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  ManifestKey(@Value("${plenary.manifest-key:${plenary.data-dir}/manifest.key}") String keyFile) {
    Path file = Path.of(keyFile).toAbsolutePath();
    try {
      PrivateFiles.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String text = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
            + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
        PrivateFiles.create(file, text.getBytes(StandardCharsets.US_ASCII));
      }
      String[] lines = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\n");
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0].strip())));
      publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines[1].strip())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException(file + " is not a manifest key written by Plenary: " + e.getMessage(), e);
    }
  }

  /** The Ed25519 signature of the bytes, in base64. */
  String sign(byte[] bytes) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(bytes);
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as PEM (an X.509 SubjectPublicKeyInfo that {@code openssl pkey -pubin} reads). */
  public String publicPem() {
    return pem(publicKey);
  }

  /** The first 16 hex digits of the SHA-256 of the public key's encoding: names the key in each manifest. */
  public String id() {
    return id(publicKey);
  }

  static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
  }

  static String id(PublicKey key) {
    return HexFormat.of().formatHex(Digests.sha256(key.getEncoded())).substring(0, 16);
  }

  /** Reads a PEM public key, as {@link #publicPem()} writes it. */
  static PublicKey parsePem(String pem) throws GeneralSecurityException {
    String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
        .replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  static boolean verify(PublicKey key, byte[] bytes, String signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(bytes);
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
