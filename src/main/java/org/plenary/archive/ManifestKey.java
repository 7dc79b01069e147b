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
import org.plenary.store.DocumentStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The site's Ed25519 key that signs every manifest (JDK, no library). Made at first start in
 * {@code <data-dir>/manifest.key} ({@code plenary.manifest-key}), owner-only from its first byte and
 * never replaced, so nodes starting together on one data folder (or one shared key file) all end up
 * with the same key; with documents on S3 it lives in the bucket ({@value #SHARED}), so that every
 * node signs with the same key; the public half is published
 * as PEM at {@code /.well-known/plenary-manifest-key}.
 */
@Component
public class ManifestKey {

  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  /** Where the key is kept in a store that is not local (S3), so that every node signs with it. */
  static final String SHARED = ".keys/manifest.key";

  ManifestKey(@Value("${plenary.manifest-key:${plenary.data-dir}/manifest.key}") String keyFile, DocumentStore store) {
    Path file = Path.of(keyFile).toAbsolutePath();
    try {
      String[] lines = (store.local(SHARED).isPresent() ? local(file) : shared(file, store)).strip().split("\n");
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0].strip())));
      publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines[1].strip())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException(file + " is not a manifest key written by Plenary: " + e.getMessage(), e);
    }
  }

  /** The key in {@code <data-dir>/manifest.key}, made there at first start. */
  private static String local(Path file) throws IOException, GeneralSecurityException {
    PrivateFiles.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      PrivateFiles.create(file, newKey().getBytes(StandardCharsets.US_ASCII));
    }
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  /**
   * The key every node shares, in the store: the one this node had on disk, if any, or a new one,
   * put there by whichever node comes first (the store never replaces an object); then read back.
   */
  private static String shared(Path file, DocumentStore store) throws IOException, GeneralSecurityException {
    if (!store.exists(SHARED)) {
      String key = Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII) : newKey();
      try {
        store.write(SHARED, new java.io.ByteArrayInputStream(key.getBytes(StandardCharsets.US_ASCII)), 4096);
      } catch (RuntimeException raced) {
        awaitOtherNode(store, raced);
      }
    }
    try (var in = store.open(SHARED, 0, Long.MAX_VALUE)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /**
   * Another node starting at the same moment claimed the key's name first: its object appears once
   * that node's write completes (a few milliseconds; 30 s at most before giving up).
   */
  private static void awaitOtherNode(DocumentStore store, RuntimeException raced) {
    for (int i = 0; i < 300 && !store.exists(SHARED); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw raced;
      }
    }
    if (!store.exists(SHARED)) {
      throw raced;
    }
  }

  private static String newKey() throws GeneralSecurityException {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
        + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
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
