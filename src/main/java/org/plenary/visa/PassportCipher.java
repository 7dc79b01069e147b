package org.plenary.visa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.plenary.shared.PrivateFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for passport data at rest. The key comes from {@code plenary.visa.key} (base64, 32
 * bytes); without it, one is made at first start in {@code <data-dir>/visa.key}, readable by the
 * owner only. Each value has its own random 96-bit nonce, stored in front of the ciphertext.
 */
@Component
class PassportCipher {

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  PassportCipher(@Value("${plenary.visa.key:}") String configured, @Value("${plenary.data-dir}") String dataDir) {
    this.key = new SecretKeySpec(configured.isBlank() ? fileKey(Path.of(dataDir, "visa.key")) : decode(configured), "AES");
  }

  String encrypt(String plain) {
    try {
      byte[] nonce = new byte[12];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt passport data", e);
    }
  }

  String decrypt(String stored) {
    try {
      byte[] in = Base64.getDecoder().decode(stored);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
      return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Passport data could not be decrypted: wrong key or altered data", e);
    }
  }

  private static byte[] decode(String base64) {
    byte[] bytes = Base64.getDecoder().decode(base64.strip());
    if (bytes.length != 32) {
      throw new IllegalStateException("plenary.visa.key must be 32 bytes in base64 (openssl rand -base64 32).");
    }
    return bytes;
  }

  /**
   * The key in {@code file}, made the first time: created owner-only from its first byte, and
   * never replaced, so two processes starting at once on one data folder end up with the same key.
   */
  private byte[] fileKey(Path file) {
    try {
      if (Files.exists(file)) {
        return decode(Files.readString(file));
      }
      byte[] fresh = new byte[32];
      random.nextBytes(fresh);
      PrivateFiles.createDirectories(file.getParent());
      if (!PrivateFiles.create(file, Base64.getEncoder().encode(fresh))) {
        return decode(Files.readString(file));
      }
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
